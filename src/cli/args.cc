#include "cli/args.h"

#include <algorithm>

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

// The declared flag nearest to `name` by edit distance, for "did you mean".
std::string Nearest(const std::vector<FlagSpec>& flags, std::string_view name) {
  std::string best;
  size_t best_distance = 3;  // only suggest close matches
  for (const FlagSpec& f : flags) {
    const std::string_view a = name;
    const std::string_view b = f.name;
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
    if (row[b.size()] < best_distance) {
      best_distance = row[b.size()];
      best = std::string(f.name);
    }
  }
  return best;
}

}  // namespace

Result<Args> Args::Parse(const std::vector<std::string>& argv, const std::vector<FlagSpec>& flags) {
  Args args;
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
      if (std::string near = Nearest(flags, name); !near.empty()) {
        message += "; did you mean --" + near + "?";
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

}  // namespace whipcount::cli
