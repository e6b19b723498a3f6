#include <gtest/gtest.h>
TEST(CliTest, Builds) {}
