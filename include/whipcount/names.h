// The words of whipcount's enums, each enum's in one table.
//
// Every enum a file, a flag or a JSON field names has a `NameTable` specialisation beside its
// definition: an array of (value, word) pairs, the first word of a value being its name and any
// later ones aliases. The file readers, the CLI's flags and help, and the JSON writers all take
// their words from these tables, so adding a value is one line:
//
//   template <>
//   struct NameTable<TieRule> {
//     static constexpr std::array kEntries{Named<TieRule>{TieRule::kFails, "fails"}, ...};
//   };
//
//   EnumName(TieRule::kFails)      -> "fails"
//   ParseEnum<TieRule>("fails")    -> TieRule::kFails
//   EnumChoices<TieRule>()         -> "fails or casting-vote"
#ifndef WHIPCOUNT_NAMES_H_
#define WHIPCOUNT_NAMES_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whipcount {

template <typename E>
struct Named {
  E value;
  std::string_view name;
};

// Specialised for each named enum with `static constexpr std::array kEntries`.
template <typename E>
struct NameTable;

// The name of `value`: the first word its table gives it.
template <typename E>
constexpr std::string_view EnumName(E value) {
  for (const Named<E>& entry : NameTable<E>::kEntries) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// The value a word (a name or an alias) stands for; nullopt for any other text.
template <typename E>
constexpr std::optional<E> ParseEnum(std::string_view text) {
  for (const Named<E>& entry : NameTable<E>::kEntries) {
    if (entry.name == text) return entry.value;
  }
  return std::nullopt;
}

// Every value's name in table order, aliases left out.
template <typename E>
std::vector<std::string_view> EnumNames() {
  std::vector<std::string_view> names;
  for (const Named<E>& entry : NameTable<E>::kEntries) {
    if (EnumName(entry.value) == entry.name) names.push_back(entry.name);
  }
  return names;
}

// "a, b or c" (with `conjunction` "or"), or "a, b, c" with an empty conjunction.
std::string JoinWords(const std::vector<std::string_view>& words, std::string_view conjunction);

// The names a reader accepts, for help texts and errors: "fails or casting-vote".
template <typename E>
std::string EnumChoices(std::string_view conjunction = "or") {
  return JoinWords(EnumNames<E>(), conjunction);
}

}  // namespace whipcount

#endif  // WHIPCOUNT_NAMES_H_
