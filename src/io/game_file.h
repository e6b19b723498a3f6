// The game file: a weighted voting game as plain text, for `whipcount power` and friends.
//
//   # EU27 is a rule, not a file; this is the US Electoral College.
//   quota: 270          # or 50%, 2/3, majority; may also come from the command line
//   state,electors      # an optional header line (no digits in its second field)
//   CA,55
//   TX,38
//   ...
//
// Each line is `name,weight`, `name,weight,union` (a-priori unions for the Owen values) or a
// bare weight; blank lines and `#` comments are ignored. The quota line may appear anywhere.
// Files in the layout of the EPIC benchmark suite (a bare quota on the first line, then one
// weight per line, or one comma-separated union of weights per line) are recognised, or read
// with the options below. The quota is read against the file's total weight ("50%" of it) and
// checked as the engine would check it. Errors carry the line (and column, but for the quota) and a
// stable code: kInvalidGame for weights and quotas (negative, not an integer, too large, weights
// adding up to more than kMaxTotalWeight, a quota no coalition or the empty one meets), kSyntax for
// lines that cannot be read, kDuplicateId for a repeated name.
#ifndef WHIPCOUNT_IO_GAME_FILE_H_
#define WHIPCOUNT_IO_GAME_FILE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/coalition.h"
#include "whipcount/names.h"
#include "whipcount/power.h"
#include "whipcount/result.h"

namespace whipcount::io {

// How to read lines made of bare numbers.
enum class GameLayout {
  // Decided from the text (the default): `kUnionsPerLine` when every line is numbers, the first
  // alone and a later one several; `kQuotaFirst` when every line is one number and the first is
  // the quota the file's name gives (EPIC's "uniform.n50.q11860.csv"); `kNamed` when the first
  // number cannot be a quota (not larger than every other, or larger than their sum, or not more
  // than half of it) or the file has a `quota:` line or names. Otherwise the file is ambiguous
  // and refused (kSyntax at line 1), naming both readings.
  kAuto,
  kNamed,          // `name,weight[,union]` or a bare weight per line
  kQuotaFirst,     // EPIC: the first number is the quota, then one weight per line
  kUnionsPerLine,  // EPIC precoalitions: the quota, then one union per line, `w1,w2,...`
};

}  // namespace whipcount::io

namespace whipcount {

template <>
struct NameTable<io::GameLayout> {
  static constexpr std::array kEntries{
      Named<io::GameLayout>{io::GameLayout::kAuto, "auto"},
      Named<io::GameLayout>{io::GameLayout::kNamed, "named"},
      Named<io::GameLayout>{io::GameLayout::kQuotaFirst, "epic"},
      Named<io::GameLayout>{io::GameLayout::kUnionsPerLine, "epic-unions"},
  };
};

}  // namespace whipcount

namespace whipcount::io {

struct GameFileOptions {
  std::string file;  // names the source in errors; may be empty
  GameLayout layout = GameLayout::kAuto;
};

// The quota a file gives, read and checked against the file's total weight.
struct FileQuota {
  std::int64_t votes = 0;  // 1 <= votes <= the total weight
  std::string text;        // as written: "270", "50%", "majority"
  Location where;          // the file and the line
};

struct GameFile {
  std::vector<std::string> names;  // one per player, or empty when the file names nobody
  std::vector<std::int64_t> weights;
  std::int64_t total_weight = 0;         // at most kMaxTotalWeight
  std::optional<FileQuota> quota;        // when the file has a quota line
  std::vector<std::vector<int>> unions;  // a-priori unions, when the file gives them

  // The players and the file's quota as a vote: players named "1", "2", ... when the file names
  // none, positions unknown, the quota's source "quota 50% from the file".
  WeightedVote ToVote() const;

  // The game with `quota` (the file's when nullopt). Errors: kInvalidGame (no quota anywhere,
  // or a given one that does not parse or fit).
  Result<VotingGame> ToGame(const std::optional<std::string>& quota = std::nullopt) const;
};

// Parses the text of a game file.
Result<GameFile> ParseGameFile(std::string_view text, const GameFileOptions& options = {});

// A quota for a game of total weight `total`: an integer ("270"), a share that must at least be
// met ("65%", "2/3", "0.5" is refused as ambiguous) or "majority" (more than half: total/2 + 1).
// The result is not checked against the total (see CheckQuota in power.h). Errors: kInvalidGame.
Result<std::int64_t> ParseQuota(std::string_view text, std::int64_t total);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_GAME_FILE_H_
