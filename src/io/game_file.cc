#include "io/game_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "io/text.h"

namespace whipcount::io {
namespace {

struct Field {
  std::string_view text;
  int column = 1;  // 1-based column of the field's first character
};

std::string_view Trim(std::string_view s, int* column = nullptr) {
  std::size_t begin = 0;
  while (begin < s.size() && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  std::size_t end = s.size();
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  if (column != nullptr) *column += static_cast<int>(begin);
  return s.substr(begin, end - begin);
}

std::vector<Field> SplitFields(std::string_view line) {
  std::vector<Field> fields;
  int column = 1;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::string_view raw = line.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    int field_column = column;
    fields.push_back(Field{.text = Trim(raw, &field_column), .column = field_column});
    if (comma == std::string_view::npos) break;
    column += static_cast<int>(comma - start) + 1;
    start = comma + 1;
  }
  // A trailing comma ("27,26,") leaves an empty last field: drop it.
  if (fields.size() > 1 && fields.back().text.empty()) fields.pop_back();
  return fields;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool StartsWithWord(std::string_view line, std::string_view word, std::string_view* rest) {
  if (line.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != word[i]) return false;
  }
  std::string_view after = Trim(line.substr(word.size()));
  if (after.empty() || (after[0] != ':' && after[0] != ',' && after[0] != '=')) return false;
  *rest = Trim(after.substr(1));
  return true;
}

// The data lines of a file: comments and blank lines dropped, each line's fields.
struct ScannedLine {
  int number = 0;
  int indent = 1;             // the column of its first character
  std::string_view text;      // trimmed
  std::vector<Field> fields;  // columns counted from the start of the line
};

std::vector<ScannedLine> ScanLines(std::string_view text) {
  std::vector<ScannedLine> lines;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    int indent = 1;
    line = Trim(line, &indent);
    if (!line.empty()) {
      std::vector<Field> fields = SplitFields(line);
      for (Field& f : fields) f.column += indent - 1;
      lines.push_back(
          {.number = number, .indent = indent, .text = line, .fields = std::move(fields)});
    }
    if (end == text.size()) break;
  }
  return lines;
}

std::optional<std::int64_t> PlainNumber(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// Whether the file's name carries EPIC's quota tag ".q<quota>." ("uniform.n50.q11860.csv").
bool NameGivesQuota(std::string_view file, std::int64_t quota) {
  const std::string tag = ".q" + std::to_string(quota);
  for (std::size_t at = file.find(tag); at != std::string_view::npos; at = file.find(tag, at + 1)) {
    const std::size_t after = at + tag.size();
    if (after == file.size() || file[after] == '.' || file[after] == '_') return true;
  }
  return false;
}

// kAuto: the layout the text is in (see GameLayout), or the refusal of an ambiguous file.
Result<GameLayout> DetectLayout(const std::vector<ScannedLine>& lines, const std::string& file) {
  std::vector<std::int64_t> numbers;  // one per line, while every line is one number
  bool several = false;               // a line after the first has several fields
  for (const ScannedLine& line : lines) {
    for (const Field& f : line.fields) {
      if (!PlainNumber(f.text)) return GameLayout::kNamed;  // names, a quota line, or an error
    }
    if (&line != &lines.front() && line.fields.size() > 1) several = true;
    if (line.fields.size() == 1) numbers.push_back(*PlainNumber(line.fields[0].text));
  }
  if (lines.size() < 3) return GameLayout::kNamed;
  if (lines.front().fields.size() == 1 && several) return GameLayout::kUnionsPerLine;
  if (several) return GameLayout::kNamed;
  const std::int64_t first = numbers.front();
  std::int64_t rest = 0;
  std::int64_t largest = 0;
  for (std::size_t i = 1; i < numbers.size(); ++i) {
    if (numbers[i] > kMaxTotalWeight - rest) return GameLayout::kNamed;  // reported when read
    rest += numbers[i];
    largest = std::max(largest, numbers[i]);
  }
  // A quota of the others is at most their sum, and EPIC's are majorities (more than half);
  // a player's weight is rarely larger than every other's and than half of all the others'.
  const bool could_be_quota = first > largest && first <= rest && first > rest / 2;
  if (!could_be_quota) return GameLayout::kNamed;
  if (NameGivesQuota(file, first)) return GameLayout::kQuotaFirst;
  return Status(ErrorCode::kSyntax,
                "the first number, " + std::to_string(first) +
                    ", could be EPIC's quota line (it is larger than every other number and "
                    "more than half of their sum, " +
                    std::to_string(rest) +
                    ") or the first player's weight: give --layout epic to read it as the "
                    "quota, or --layout named to read it as a player",
                Location{.file = file, .line = lines.front().number});
}

class Parser {
 public:
  explicit Parser(const GameFileOptions& options) : options_(options) {}

  Result<GameFile> Parse(const std::vector<ScannedLine>& lines) {
    for (const ScannedLine& line : lines) WHIPCOUNT_RETURN_IF_ERROR(Line(line));
    if (file_.weights.empty()) {
      return Error(ErrorCode::kInvalidGame, "the file lists no players", 0);
    }
    WHIPCOUNT_RETURN_IF_ERROR(ResolveQuota());
    return std::move(file_);
  }

 private:
  Status Error(ErrorCode code, std::string message, int line, int column = 0) const {
    return Status(code, std::move(message),
                  Location{.file = options_.file, .line = line, .column = column});
  }

  // One line, without its comment, trimmed and not empty.
  Status Line(const ScannedLine& scanned) {
    const int number = scanned.number;
    const int indent = scanned.indent;
    const std::vector<Field>& fields = scanned.fields;
    std::string_view quota_text;
    if (StartsWithWord(scanned.text, "quota", &quota_text)) {
      return Quota(quota_text, number, indent);
    }
    if (options_.layout != GameLayout::kNamed && !quota_text_) {
      if (fields.size() != 1) {
        return Error(ErrorCode::kSyntax, "expected the quota alone on the first line", number,
                     indent);
      }
      return Quota(fields[0].text, number, indent);
    }
    if (options_.layout == GameLayout::kUnionsPerLine) return Union(fields, number);
    if (options_.layout == GameLayout::kQuotaFirst || fields.size() == 1) {
      return BareWeight(fields, number, indent);
    }
    return NamedPlayer(fields, number, indent);
  }

  Status Quota(std::string_view text, int number, int indent) {
    if (quota_text_) {
      return Error(ErrorCode::kSyntax,
                   "a second quota line (the first is on line " + std::to_string(quota_line_) + ")",
                   number, indent);
    }
    quota_text_ = std::string(text);
    quota_line_ = number;
    return Status::Ok();
  }

  // kUnionsPerLine: the weights of one union.
  Status Union(const std::vector<Field>& fields, int number) {
    std::vector<int> members;
    for (const Field& f : fields) {
      members.push_back(static_cast<int>(file_.weights.size()));
      WHIPCOUNT_RETURN_IF_ERROR(AddWeight(f, number));
    }
    file_.unions.push_back(std::move(members));
    return Status::Ok();
  }

  Status BareWeight(const std::vector<Field>& fields, int number, int indent) {
    if (fields.size() != 1) {
      return Error(ErrorCode::kSyntax, "expected one weight on the line", number, indent);
    }
    if (named_) {
      return Error(ErrorCode::kSyntax,
                   "a weight without a name, but earlier lines name their players", number, indent);
    }
    WHIPCOUNT_RETURN_IF_ERROR(AddWeight(fields[0], number));
    bare_ = true;
    first_data_line_ = false;
    return Status::Ok();
  }

  // `name,weight` or `name,weight,union`, or a header line before the first player.
  Status NamedPlayer(const std::vector<Field>& fields, int number, int indent) {
    if (fields.size() > 3) {
      return Error(ErrorCode::kSyntax,
                   "expected `name,weight` or `name,weight,union`, found " +
                       std::to_string(fields.size()) + " fields",
                   number, fields[3].column);
    }
    if (first_data_line_ && !HasDigit(fields[1].text)) {  // a header such as "state,electors"
      first_data_line_ = false;
      return Status::Ok();
    }
    first_data_line_ = false;
    if (bare_) {
      return Error(ErrorCode::kSyntax, "a named player, but earlier lines give bare weights",
                   number, indent);
    }
    named_ = true;
    const Field& name = fields[0];
    if (name.text.empty()) {
      return Error(ErrorCode::kSyntax, "missing player name", number, name.column);
    }
    if (!names_.insert(std::string(name.text)).second) {
      return Error(ErrorCode::kDuplicateId, "player '" + std::string(name.text) + "' appears twice",
                   number, name.column);
    }
    const bool has_union = fields.size() == 3 && !fields[2].text.empty();
    const int player = static_cast<int>(file_.weights.size());
    WHIPCOUNT_RETURN_IF_ERROR(AddWeight(fields[1], number));
    if (player > 0 && has_union != with_unions_) {
      return Error(ErrorCode::kSyntax,
                   has_union ? "a union for this player but not for earlier ones"
                             : "no union for this player but earlier ones have one",
                   number, has_union ? fields[2].column : indent);
    }
    with_unions_ = has_union;
    if (has_union) {
      auto [it, inserted] = union_ids_.try_emplace(std::string(fields[2].text),
                                                   static_cast<int>(file_.unions.size()));
      if (inserted) file_.unions.emplace_back();
      file_.unions[static_cast<std::size_t>(it->second)].push_back(player);
    }
    file_.names.emplace_back(name.text);
    return Status::Ok();
  }

  // Reads a weight and adds it to the file's, keeping the total within kMaxTotalWeight.
  Status AddWeight(const Field& field, int number) {
    const std::string_view t = field.text;
    if (t.empty()) return Error(ErrorCode::kSyntax, "missing weight", number, field.column);
    if (t[0] == '-') {
      return Error(ErrorCode::kInvalidGame, "weight " + std::string(t) + " is negative", number,
                   field.column);
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (error == std::errc::result_out_of_range ||
        (error == std::errc() && value > kMaxTotalWeight)) {
      return Error(ErrorCode::kInvalidGame, "weight " + std::string(t) + " is too large", number,
                   field.column);
    }
    if (error != std::errc() || end != t.data() + t.size()) {
      const bool number_like =
          HasDigit(t) && t.find_first_not_of("0123456789.eE+") == std::string_view::npos;
      return Error(ErrorCode::kInvalidGame,
                   number_like ? "weight " + std::string(t) + " is not a whole number"
                               : "'" + std::string(t) + "' is not a weight",
                   number, field.column);
    }
    if (value > kMaxTotalWeight - file_.total_weight) {
      return Error(ErrorCode::kInvalidGame,
                   "the weights add up to more than 2^62; use a coarser unit", number,
                   field.column);
    }
    file_.weights.push_back(value);
    file_.total_weight += value;
    return Status::Ok();
  }

  // The quota line, read against the total weight once every weight is in.
  Status ResolveQuota() {
    if (!quota_text_) return Status::Ok();
    const Location where{.file = options_.file, .line = quota_line_};
    Result<std::int64_t> votes = ParseQuota(*quota_text_, file_.total_weight);
    if (!votes.ok()) return Status(votes.status().code(), votes.status().message(), where);
    if (Status range = CheckQuota(*votes, file_.total_weight, "quota " + *quota_text_);
        !range.ok()) {
      return Status(range.code(), range.message(), where);
    }
    file_.quota = FileQuota{.votes = *votes, .text = *quota_text_, .where = where};
    return Status::Ok();
  }

  const GameFileOptions& options_;
  GameFile file_;
  std::optional<std::string> quota_text_;
  int quota_line_ = 0;
  std::map<std::string, int, std::less<>> union_ids_;
  std::set<std::string, std::less<>> names_;
  bool named_ = false;
  bool bare_ = false;
  bool first_data_line_ = true;
  bool with_unions_ = false;
};

// Why `t`, which is no whole number, percentage, fraction or "majority", is not a quota: the
// most precise reason its form allows ("is negative", "is above the total weight 538").
std::string WhyNotAQuota(std::string_view t, std::int64_t total) {
  double value = 0;
  const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (error == std::errc::result_out_of_range && !t.empty() && t[0] != '-') {
    return "is above the total weight " + std::to_string(total) + ": no coalition can win";
  }
  if (error != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) {
    return "is not a whole number, a percentage (65%), a fraction (2/3) or 'majority'";
  }
  if (value < 0) return "is negative: a quota is the weight a coalition needs to win, at least 1";
  if (std::floor(value) > static_cast<double>(total)) {
    return "is above the total weight " + std::to_string(total) + ": no coalition can win";
  }
  if (t.find_first_of("eE") != std::string_view::npos) {
    return "is written with an exponent: write the votes in digits";
  }
  if (value < 1) {
    return "is ambiguous: write a share as a percentage (50%) or a fraction (1/2), or the votes "
           "as a whole number";
  }
  return "is not a whole number of votes";
}

}  // namespace

Result<std::int64_t> ParseQuota(std::string_view text, std::int64_t total) {
  const std::string_view t = Trim(text);
  auto error = [&](const std::string& why) {
    return Status(ErrorCode::kInvalidGame, "quota '" + std::string(t) + "' " + why);
  };
  if (t == "majority") return total / 2 + 1;
  if (!t.empty() && t.back() == '%') {
    // A percentage, possibly with decimals: "65%", "62.5%".
    std::string_view number = t.substr(0, t.size() - 1);
    std::int64_t den = 100;
    std::string digits(number);
    if (const std::size_t dot = number.find('.'); dot != std::string_view::npos) {
      const std::size_t decimals = number.size() - dot - 1;
      if (decimals > 6) return error("has too many decimals");
      for (std::size_t i = 0; i < decimals; ++i) den *= 10;
      digits = std::string(number.substr(0, dot)) + std::string(number.substr(dot + 1));
    }
    const std::optional<std::int64_t> num = PlainNumber(digits);
    if (!num || *num == 0 || *num > den) return error("is not a percentage in (0%, 100%]");
    return QuotaAtLeast(total, *num, den);
  }
  if (const std::size_t slash = t.find('/'); slash != std::string_view::npos) {
    const std::optional<std::int64_t> num = PlainNumber(Trim(t.substr(0, slash)));
    const std::optional<std::int64_t> den = PlainNumber(Trim(t.substr(slash + 1)));
    if (!num || !den || *num == 0 || *num > *den || *den >= (std::int64_t{1} << 31)) {
      return error("is not a fraction in (0, 1]");
    }
    return QuotaAtLeast(total, *num, *den);
  }
  if (const std::optional<std::int64_t> q = PlainNumber(t)) return *q;
  return error(WhyNotAQuota(t, total));
}

Result<GameFile> ParseGameFile(std::string_view text, const GameFileOptions& options) {
  // Players' names are printed and written as JSON: UTF-8 without control characters.
  WHIPCOUNT_RETURN_IF_ERROR(CheckText(text, options.file));
  const std::vector<ScannedLine> lines = ScanLines(text);
  GameFileOptions resolved = options;
  if (options.layout == GameLayout::kAuto) {
    WHIPCOUNT_ASSIGN_OR_RETURN(resolved.layout, DetectLayout(lines, options.file));
  }
  return Parser(resolved).Parse(lines);
}

WeightedVote GameFile::ToVote() const {
  WeightedVote vote;
  WeightedPlayers& p = vote.players;
  p.names = names;
  if (p.names.empty()) {
    for (std::size_t i = 0; i < weights.size(); ++i) p.names.push_back(std::to_string(i + 1));
  }
  p.weights = weights;
  p.positions.assign(weights.size(), std::nullopt);
  p.unions = unions;
  if (quota) {
    vote.quota =
        StatedQuota{.votes = quota->votes, .source = "quota " + quota->text + " from the file"};
  }
  return vote;
}

Result<VotingGame> GameFile::ToGame(const std::optional<std::string>& quota_text) const {
  std::int64_t votes = 0;
  if (quota_text) {
    WHIPCOUNT_ASSIGN_OR_RETURN(votes, ParseQuota(*quota_text, total_weight));
  } else if (quota) {
    votes = quota->votes;
  } else {
    return Status(ErrorCode::kInvalidGame,
                  "no quota: give one in the file (`quota: 270`) or on the command line");
  }
  VotingGame game = WeightedGame(weights, votes, names);
  game.unions = unions;
  WHIPCOUNT_RETURN_IF_ERROR(Validate(game));
  return game;
}

}  // namespace whipcount::io
