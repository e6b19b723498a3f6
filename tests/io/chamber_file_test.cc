#include "io/chamber_file.h"

#include <gtest/gtest.h>

namespace whipcount::io {
namespace {
TEST(ChamberFileTest, Builds) {}
}  // namespace
}  // namespace whipcount::io
