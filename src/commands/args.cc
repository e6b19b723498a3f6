#include "commands/args.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "commands/terminal.h"

namespace whipcount::cli {
namespace {

const FlagSpec* Find(const std::vector<FlagSpec>& flags, std::string_view name) {
  for (const FlagSpec& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FlagSpec* FindShort(const std::vector<FlagSpec>& flags, char c) {
  for (const FlagSpec& f : flags) {
    if (f.short_name != 0 && f.short_name == c) return &f;
  }
  return nullptr;
}

// The number of single-character insertions, deletions and substitutions that turn a into b.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const size_t substitute = diag + (a[i - 1] == b[j - 1] ? 0u : 1u);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
      diag = up;
    }
  }
  return row[b.size()];
}

// The declared flag nearest to `name`, for "did you mean".
std::optional<std::string_view> NearestFlag(const std::vector<FlagSpec>& flags,
                                            std::string_view name) {
  std::vector<std::string_view> names;
  names.reserve(flags.size());
  for (const FlagSpec& f : flags) names.push_back(f.name);
  return NearestName(names, name);
}

// "0.1", "8,000": a bound or default for people.
std::string NumberText(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return Grouped(static_cast<std::int64_t>(x));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

// "1 to 100,000; default 10" for the help.
std::string RangeHelp(const WholeNumbers& range) {
  std::string text = Grouped(range.low) + (range.high ? " to " + Grouped(*range.high) : " or more");
  if (range.fallback) text += "; default " + Grouped(*range.fallback);
  return text;
}

std::string RangeHelp(const Numbers& range) {
  std::string text = NumberText(range.low) + " to " + NumberText(range.high);
  if (range.fallback) text += "; default " + NumberText(*range.fallback);
  return text;
}

// "auto (default), always or never".
std::string WordsHelp(const Words& words) {
  std::vector<std::string> names;
  for (std::string_view name : words.names) {
    names.emplace_back(name);
    if (name == words.fallback) names.back() += " (default)";
  }
  return JoinWords(std::vector<std::string_view>(names.begin(), names.end()), "or");
}

}  // namespace

std::optional<std::string_view> NearestName(const std::vector<std::string_view>& names,
                                            std::string_view typo) {
  std::optional<std::string_view> best;
  size_t best_distance = 3;  // only suggest close matches: at most two edits
  for (std::string_view name : names) {
    if (const size_t distance = EditDistance(typo, name); distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best;
}

std::string FlagHelp(const FlagSpec& flag) {
  std::string help(flag.help);
  const std::string before_range = help.empty() ? "(" : help + " (";
  if (const auto* range = std::get_if<WholeNumbers>(&flag.accepts)) {
    return before_range + RangeHelp(*range) + ")";
  }
  if (const auto* range = std::get_if<Numbers>(&flag.accepts)) {
    return before_range + RangeHelp(*range) + ")";
  }
  if (const auto* words = std::get_if<Words>(&flag.accepts)) {
    return (help.empty() ? "" : help + ": ") + WordsHelp(*words);
  }
  return help;
}

Result<Args> Args::Parse(const std::vector<std::string>& argv, const std::vector<FlagSpec>& flags) {
  Args args;
  args.flags_ = flags;
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-') {
      args.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    const FlagSpec* spec = nullptr;
    std::string name;
    std::optional<std::string> inline_value;
    if (a[1] == '-') {
      name = a.substr(2);
      if (const size_t eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      spec = Find(flags, name);
    } else if (a.size() == 2) {
      spec = FindShort(flags, a[1]);
      name = spec ? std::string(spec->name) : a.substr(1);
    }
    if (spec == nullptr) {
      std::string message = "unknown option '" + a + "'";
      if (const std::optional<std::string_view> near = NearestFlag(flags, name)) {
        message += "; did you mean --" + std::string(*near) + "?";
      }
      return Status(ErrorCode::kUsage, message);
    }
    std::string value;
    if (!spec->value.empty()) {
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < argv.size()) {
        value = argv[++i];
      } else {
        return Status(ErrorCode::kUsage,
                      "option --" + name + " needs a value (" + std::string(spec->value) + ")");
      }
    } else if (inline_value) {
      return Status(ErrorCode::kUsage, "option --" + name + " takes no value");
    }
    auto& slot = args.values_[std::string(spec->name)];
    if (!slot.empty() && !spec->repeatable) {
      return Status(ErrorCode::kUsage, "option --" + name + " is given twice");
    }
    slot.push_back(value);
  }
  return args;
}

std::optional<std::string> Args::Get(std::string_view flag) const {
  auto it = values_.find(std::string(flag));
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::GetAll(std::string_view flag) const {
  auto it = values_.find(std::string(flag));
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Result<double> Args::Number(std::string_view flag) const {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Numbers* range, Declared<Numbers>(flag));
  const std::optional<std::string> text = Get(flag);
  if (!text) {
    if (!range->fallback) return Missing(flag);
    return *range->fallback;
  }
  double value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, error] = std::from_chars(text->data(), end, value);
  if (error == std::errc() && ptr == end && value >= range->low && value <= range->high) {
    return value;
  }
  return Refused(flag, *text,
                 "a number from " + NumberText(range->low) + " to " + NumberText(range->high));
}

const FlagSpec* Args::Spec(std::string_view flag) const { return Find(flags_, flag); }

Status Args::Undeclared(std::string_view flag) {
  return Status(ErrorCode::kUsage,
                "option --" + std::string(flag) + " is not declared to take this kind of value");
}

Status Args::Missing(std::string_view flag) {
  return Status(ErrorCode::kUsage, "option --" + std::string(flag) + " is required");
}

Status Args::Refused(std::string_view flag, std::string_view text, std::string_view what) {
  return Status(ErrorCode::kUsage, "--" + std::string(flag) + " takes " + std::string(what) +
                                       ", not '" + std::string(text) + "'");
}

std::optional<std::string> Args::Ungrouped(std::string_view text) {
  const size_t first = text.find_first_of(",_");
  if (first == std::string_view::npos) return std::string(text);
  std::string digits(text.substr(0, first));
  // Each group after a separator holds three digits; the first holds one to three.
  const size_t lead = digits.starts_with('-') ? 1 : 0;
  if (digits.size() <= lead || digits.size() > lead + 3) return std::nullopt;
  for (size_t at = first; at < text.size(); at += 4) {
    const std::string_view group = text.substr(at + 1, 3);
    const bool separated = text[at] == ',' || text[at] == '_';
    if (!separated || group.size() != 3 || group.find_first_of(",_") != std::string_view::npos) {
      return std::nullopt;
    }
    digits += group;
  }
  return digits;
}

std::string Args::WholeNumbersText(std::int64_t low, const std::string& high) {
  return "a whole number from " + Grouped(low) + " to " + Grouped(high);
}

bool Args::Lists(const Words& words, std::string_view name) {
  return std::find(words.names.begin(), words.names.end(), name) != words.names.end();
}

std::string Args::WordsText(const Words& words) { return JoinWords(words.names, "or"); }

}  // namespace whipcount::cli
