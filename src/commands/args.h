// Command-line parsing for whipcount's subcommands: flags declared per command, values checked,
// unknown flags refused with a hint. No global state.
//
// A flag that takes a number or one of an enum's words declares what it accepts in its FlagSpec
// (a range and a default, or the enum's words), and is read by Args::Int, Number or Choice: the
// one way values are checked, and the source of the help's ranges, choices and defaults.
//
//   {.name = "top", .value = "N", .help = "members to list",
//    .accepts = WholeNumbers{.low = 1, .high = 100'000, .fallback = 10}}
//   WHIPCOUNT_ASSIGN_OR_RETURN(const int top, args.Int<int>("top"));
//   --top 3x  ->  [E401 usage] --top takes a whole number from 1 to 100,000, not '3x'
#ifndef WHIPCOUNT_COMMANDS_ARGS_H_
#define WHIPCOUNT_COMMANDS_ARGS_H_

#include <charconv>
#include <concepts>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount::cli {

// A whole number in [low, high], read with Args::Int<T>; no `high` stands for the largest T.
// `fallback` is the value when the flag is not given; without one the caller checks Has().
// Digits may be grouped by ',' or '_' in threes ("1,000,000").
struct WholeNumbers {
  std::int64_t low = 0;
  std::optional<std::int64_t> high;
  std::optional<std::int64_t> fallback;
};

// A number in [low, high] ("0.5", "1e3"), read with Args::Number.
struct Numbers {
  double low = 0;
  double high = 0;
  std::optional<double> fallback;
};

// One of an enum's words (a name or an alias), read with Args::Choice<E> or, for a repeatable
// flag, Args::Choices<E>. Declare it with WordsOf<E>(), or list a subset of the names.
struct Words {
  std::vector<std::string_view> names;
  std::optional<std::string_view> fallback;
};

// E's names, with the value a flag takes when not given.
template <typename E>
Words WordsOf(std::optional<E> fallback = std::nullopt) {
  return {.names = EnumNames<E>(),
          .fallback = fallback ? std::optional(EnumName(*fallback)) : std::nullopt};
}

// The name in `names` nearest to `typo` by edit distance, when it is at most two edits away: the
// "did you mean" of a mistyped flag, command or id. The first of equally near names.
std::optional<std::string_view> NearestName(const std::vector<std::string_view>& names,
                                            std::string_view typo);

struct FlagSpec {
  std::string_view name;   // "date" for --date
  std::string_view value;  // metavariable ("D") when the flag takes a value, empty otherwise
  std::string_view help;
  bool repeatable = false;
  char short_name = 0;  // 'o' for -o
  // What the value must be; monostate for any text.
  std::variant<std::monostate, WholeNumbers, Numbers, Words> accepts;
};

// The help of a flag: its text, then what it accepts and its default, e.g.
// "members to list (1 to 100,000; default 10)" or "colour: auto (default), always or never".
std::string FlagHelp(const FlagSpec& flag);

class Args {
 public:
  // Parses argv[first..] against `flags`. kUsage on an unknown flag, a missing value, or a flag
  // given twice that is not repeatable.
  static Result<Args> Parse(const std::vector<std::string>& argv,
                            const std::vector<FlagSpec>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(std::string_view flag) const { return values_.count(std::string(flag)) > 0; }
  std::optional<std::string> Get(std::string_view flag) const;
  std::vector<std::string> GetAll(std::string_view flag) const;

  // The typed readers: the value of `flag`, or its declared fallback when it is not given. kUsage
  // naming the flag, the value and what is allowed for a value that is not, or for a flag that
  // is not given and has no fallback ("--top takes a whole number from 1 to 100,000, not '3x'").

  // A flag declared with WholeNumbers, as a T.
  template <std::integral T>
  Result<T> Int(std::string_view flag) const;
  // A flag declared with Numbers.
  Result<double> Number(std::string_view flag) const;
  // A flag declared with Words, as one of E's values.
  template <typename E>
  Result<E> Choice(std::string_view flag) const;
  // Every value of a repeatable flag declared with Words, in order; none when not given.
  template <typename E>
  Result<std::vector<E>> Choices(std::string_view flag) const;

 private:
  // The declaration of `flag` when it accepts a K; kUsage naming the flag otherwise (a
  // programmer's error that the command's tests meet).
  template <typename K>
  Result<const K*> Declared(std::string_view flag) const;
  const FlagSpec* Spec(std::string_view flag) const;
  static Status Undeclared(std::string_view flag);
  static Status Missing(std::string_view flag);
  // "--top takes WHAT, not 'TEXT'".
  static Status Refused(std::string_view flag, std::string_view text, std::string_view what);
  // `text` without its digit group separators, when they group by threes.
  static std::optional<std::string> Ungrouped(std::string_view text);
  // "a whole number from 1 to 100,000": `high` in decimal digits.
  static std::string WholeNumbersText(std::int64_t low, const std::string& high);
  static bool Lists(const Words& words, std::string_view name);
  static std::string WordsText(const Words& words);
  template <typename E>
  Result<E> ToChoice(std::string_view flag, std::string_view text, const Words& words) const;

  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<FlagSpec> flags_;
};

template <typename K>
Result<const K*> Args::Declared(std::string_view flag) const {
  const FlagSpec* spec = Spec(flag);
  const K* accepts = spec == nullptr ? nullptr : std::get_if<K>(&spec->accepts);
  if (accepts == nullptr) return Undeclared(flag);
  return accepts;
}

template <std::integral T>
Result<T> Args::Int(std::string_view flag) const {
  WHIPCOUNT_ASSIGN_OR_RETURN(const WholeNumbers* range, Declared<WholeNumbers>(flag));
  const std::optional<std::string> text = Get(flag);
  if (!text) {
    if (!range->fallback) return Missing(flag);
    return static_cast<T>(*range->fallback);
  }
  constexpr T kLargest = std::numeric_limits<T>::max();
  const bool capped = range->high && std::cmp_less(*range->high, kLargest);
  if (const std::optional<std::string> digits = Ungrouped(*text)) {
    T value{};
    const char* end = digits->data() + digits->size();
    const auto [ptr, error] = std::from_chars(digits->data(), end, value);
    if (error == std::errc() && ptr == end && std::cmp_greater_equal(value, range->low) &&
        (!capped || std::cmp_less_equal(value, *range->high))) {
      return value;
    }
  }
  const std::string high = capped ? std::to_string(*range->high) : std::to_string(kLargest);
  return Refused(flag, *text, WholeNumbersText(range->low, high));
}

template <typename E>
Result<E> Args::ToChoice(std::string_view flag, std::string_view text, const Words& words) const {
  const std::optional<E> value = ParseEnum<E>(text);
  if (value && Lists(words, EnumName(*value))) return *value;
  return Refused(flag, text, WordsText(words));
}

template <typename E>
Result<E> Args::Choice(std::string_view flag) const {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Words* words, Declared<Words>(flag));
  const std::optional<std::string> text = Get(flag);
  if (text) return ToChoice<E>(flag, *text, *words);
  if (!words->fallback) return Missing(flag);
  return ToChoice<E>(flag, *words->fallback, *words);
}

template <typename E>
Result<std::vector<E>> Args::Choices(std::string_view flag) const {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Words* words, Declared<Words>(flag));
  std::vector<E> values;
  for (const std::string& text : GetAll(flag)) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const E value, ToChoice<E>(flag, text, *words));
    values.push_back(value);
  }
  return values;
}

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_COMMANDS_ARGS_H_
