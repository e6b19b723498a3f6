// Reading and writing files of every kind (issue 18): the size limit holds for pipes and devices,
// and writing never replaces anything but a regular file.
#include "io/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace whipcount::io {
namespace {

namespace fs = std::filesystem;

// A fresh directory for one test, removed afterwards.
class FileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("whipcount_file_test." + std::to_string(getpid()) + "." +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir_);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  static std::string Contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  static void Put(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  // The names in the test's directory, sorted.
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

TEST_F(FileTest, ReadsARegularFile) {
  Put(Path("a.yaml"), "format: whipcount/1\n");
  const Result<std::string> text = ReadFile(Path("a.yaml"));
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "format: whipcount/1\n");
}

TEST_F(FileTest, ReadingAMissingFileOrADirectoryIsAnIoError) {
  EXPECT_EQ(ReadFile(Path("missing.yaml")).status().code(), ErrorCode::kIo);
  const Result<std::string> dir = ReadFile(dir_.string());
  EXPECT_EQ(dir.status().code(), ErrorCode::kIo);
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos);
}

TEST_F(FileTest, DevZeroStopsAtTheLimit) {
  const Result<std::string> text = ReadFile("/dev/zero");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), ErrorCode::kTooLarge) << text.status().ToString();
  EXPECT_EQ(text.status().message(), "'/dev/zero' holds more than " +
                                         std::to_string(kMaxFileBytes >> 20) +
                                         " MiB, the limit for a file");
}

TEST_F(FileTest, APipeIsReadToItsEndOrToTheLimit) {
  // The writer of the pipe cut short at the limit sees EPIPE rather than a fatal SIGPIPE.
  const auto old_handler = std::signal(SIGPIPE, SIG_IGN);
  const std::string fifo = Path("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (const size_t size : {size_t{5}, kMaxFileBytes, kMaxFileBytes + 1}) {
    std::thread writer([&] {
      std::ofstream out(fifo, std::ios::binary);
      const std::string block(1 << 16, 'x');
      for (size_t left = size; left > 0 && out;) {
        const size_t n = std::min(left, block.size());
        out.write(block.data(), static_cast<std::streamsize>(n));
        left -= n;
      }
    });
    const Result<std::string> text = ReadFile(fifo);
    writer.join();
    if (size <= kMaxFileBytes) {
      ASSERT_TRUE(text.ok()) << text.status().ToString();
      EXPECT_EQ(text->size(), size);
    } else {
      EXPECT_EQ(text.status().code(), ErrorCode::kTooLarge);
    }
  }
  std::signal(SIGPIPE, old_handler);
}

TEST_F(FileTest, ARegularFileOverTheLimitIsRefusedBeforeReading) {
  const std::string big = Path("big.yaml");
  Put(big, "");
  fs::resize_file(big, kMaxFileBytes + 1);
  const Result<std::string> text = ReadFile(big);
  EXPECT_EQ(text.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(text.status().message().find(std::to_string(kMaxFileBytes + 1) + " bytes"),
            std::string::npos);
}

TEST_F(FileTest, WritesANewFileAndLeavesNothingElse) {
  ASSERT_TRUE(WriteFile(Path("out.svg"), "<svg/>").ok());
  EXPECT_EQ(Contents(Path("out.svg")), "<svg/>");
  EXPECT_EQ(Names(), std::vector<std::string>{"out.svg"});
}

TEST_F(FileTest, ReplacesARegularFileKeepingItsPermissions) {
  const std::string out = Path("out.svg");
  Put(out, "old and longer");
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ASSERT_TRUE(WriteFile(out, "new").ok());
  EXPECT_EQ(Contents(out), "new");
  EXPECT_EQ(fs::status(out).permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(Names(), std::vector<std::string>{"out.svg"});
}

TEST_F(FileTest, AnExistingDotTmpFileIsNeverTouched) {
  Put(Path("out.svg.tmp"), "someone else's");
  ASSERT_TRUE(WriteFile(Path("out.svg"), "new").ok());
  EXPECT_EQ(Contents(Path("out.svg.tmp")), "someone else's");
  EXPECT_EQ(Names(), (std::vector<std::string>{"out.svg", "out.svg.tmp"}));
}

TEST_F(FileTest, ASymlinkStaysALinkAndItsTargetIsWritten) {
  fs::create_directories(dir_ / "real");
  Put(Path("real/target.svg"), "old");
  fs::create_symlink("real/target.svg", dir_ / "link.svg");
  ASSERT_TRUE(WriteFile(Path("link.svg"), "new").ok());
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.svg"));
  EXPECT_EQ(Contents(Path("real/target.svg")), "new");
  EXPECT_EQ(Names(), (std::vector<std::string>{"link.svg", "real"}));
}

TEST_F(FileTest, ADanglingSymlinkCreatesItsTarget) {
  fs::create_symlink("target.svg", dir_ / "link.svg");
  ASSERT_TRUE(WriteFile(Path("link.svg"), "new").ok());
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.svg"));
  EXPECT_EQ(Contents(Path("target.svg")), "new");
}

TEST_F(FileTest, ASymlinkLoopIsAnIoError) {
  fs::create_symlink("b", dir_ / "a");
  fs::create_symlink("a", dir_ / "b");
  EXPECT_EQ(WriteFile(Path("a"), "x").code(), ErrorCode::kIo);
  EXPECT_TRUE(fs::is_symlink(dir_ / "a"));
}

TEST_F(FileTest, AFifoIsWrittenInPlaceAndStaysAFifo) {
  const std::string fifo = Path("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = Contents(fifo); });
  const Status s = WriteFile(fifo, "picture");
  reader.join();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(received, "picture");
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(Names(), std::vector<std::string>{"pipe"});
}

TEST_F(FileTest, DevNullIsWrittenInPlace) {
  ASSERT_TRUE(WriteFile("/dev/null", "picture").ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(FileTest, ADirectoryIsAnIoError) {
  const Status s = WriteFile(dir_.string(), "x");
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find("it is a directory"), std::string::npos) << s.message();
  EXPECT_TRUE(fs::is_directory(dir_));
}

TEST_F(FileTest, AMissingDirectoryIsAnIoError) {
  const Status s = WriteFile(Path("no/such/dir/out.svg"), "x");
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find("No such file or directory"), std::string::npos) << s.message();
}

TEST_F(FileTest, AnUnwritableDirectoryIsAnIoErrorAndKeepsTheOldFile) {
  const std::string out = Path("ro/out.svg");
  fs::create_directories(dir_ / "ro");
  Put(out, "old");
  fs::permissions(dir_ / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  if (access((dir_ / "ro").c_str(), W_OK) == 0) {
    GTEST_SKIP() << "running with permission to write anywhere (root)";
  }
  const Status s = WriteFile(out, "new");
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find("Permission denied"), std::string::npos) << s.message();
  EXPECT_EQ(Contents(out), "old");
}

}  // namespace
}  // namespace whipcount::io
