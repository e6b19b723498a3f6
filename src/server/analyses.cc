// The analyses a case can be asked for over HTTP: the command line's commands, run on the stored
// case with the request's query parameters as their flags, so the numbers and their JSON are the
// CLI's own.
#include <sstream>
#include <utility>

#include "io/json_out.h"
#include "server/routes.h"

namespace whipcount::server {
namespace {

std::string_view Format(const Request& request, const Analysis& analysis) {
  if (analysis.output != Output::kData) return analysis.output == Output::kSvg ? "svg" : "png";
  return request.Query("format").value_or("json");
}

std::string ContentTypeOf(std::string_view format) {
  if (format == "csv") return "text/csv; charset=utf-8";
  if (format == "text") return "text/plain; charset=utf-8";
  if (format == "svg") return "image/svg+xml";
  if (format == "png") return "image/png";
  return "application/json";
}

// The words that ask the command for the output `format`.
Result<std::vector<std::string>> OutputWords(const Analysis& analysis, std::string_view format) {
  if (analysis.output != Output::kData)
    return std::vector<std::string>{"--format", std::string(format)};
  if (format == "json") return std::vector<std::string>{"--json"};
  if (format == "text") return std::vector<std::string>{};
  if (format == "csv" && analysis.csv) return std::vector<std::string>{"--csv"};
  return Status(ErrorCode::kUsage, "format '" + std::string(format) +
                                       "' is not one of: json, text" +
                                       (analysis.csv ? ", csv" : ""));
}

// The words of one query parameter, as the flag of that name.
Result<std::vector<std::string>> FlagWords(const std::vector<cli::FlagSpec>& flags,
                                           const Analysis& analysis, const std::string& name,
                                           const std::string& value) {
  if (IsServerOnlyFlag(name)) {
    return Status(ErrorCode::kUsage, "parameter '" + name + "' cannot be set over HTTP");
  }
  const cli::FlagSpec* spec = nullptr;
  std::string known;
  for (const cli::FlagSpec& f : flags) {
    if (f.name == name) spec = &f;
    if (!IsServerOnlyFlag(f.name)) known += (known.empty() ? "" : ", ") + std::string(f.name);
  }
  if (spec == nullptr) {
    return Status(ErrorCode::kUsage,
                  "/" + analysis.route + " takes no parameter '" + name + "'; it takes: " + known);
  }
  if (!spec->value.empty()) return std::vector<std::string>{"--" + name, value};
  if (value.empty() || value == "true") return std::vector<std::string>{"--" + name};
  if (value == "false") return std::vector<std::string>{};
  return Status(ErrorCode::kUsage,
                "parameter '" + name + "' is true or false, not '" + value + "'");
}

}  // namespace

const std::vector<Analysis>& Analyses() {
  static const std::vector<Analysis> kAnalyses = {
      {.route = "tally", .command = cli::TallyCommand(), .csv = true},
      {.route = "explain", .command = cli::ExplainCommand(), .csv = true},
      {.route = "timeline", .command = cli::TimelineCommand(), .csv = true},
      {.route = "diff", .command = cli::DiffCommand(), .csv = true, .positional = {"from", "to"}},
      {.route = "forecast", .command = cli::ForecastCommand(), .expensive = true},
      {.route = "power", .command = cli::PowerCommand(), .expensive = true, .csv = true},
      {.route = "coalitions", .command = cli::CoalitionsCommand(), .expensive = true, .csv = true},
      {.route = "diagram.svg", .command = cli::DrawCommand(), .output = Output::kSvg},
      {.route = "diagram.png", .command = cli::DrawCommand(), .output = Output::kPng},
      {.route = "chart.svg", .command = cli::ChartCommand(), .output = Output::kSvg},
      {.route = "chart.png", .command = cli::ChartCommand(), .output = Output::kPng},
  };
  return kAnalyses;
}

bool IsServerOnlyFlag(std::string_view name) {
  for (std::string_view blocked :
       {"output", "svg", "help", "color", "version", "json", "csv", "format", "threads"}) {
    if (name == blocked) return true;
  }
  return false;
}

Result<std::vector<std::string>> WordsFor(const Analysis& analysis, const Request& request) {
  std::vector<std::string> words = {std::string(kCaseFileName)};
  for (const std::string& name : analysis.positional) {
    const std::optional<std::string_view> value = request.Query(name);
    if (!value) {
      return Status(ErrorCode::kUsage, "/" + analysis.route + " needs ?" + name + "=YYYY-MM-DD");
    }
    words.emplace_back(*value);
  }
  const std::vector<cli::FlagSpec> flags = cli::FlagsOf(analysis.command);
  for (const auto& [name, value] : request.query) {
    if (name == "format" || std::find(analysis.positional.begin(), analysis.positional.end(),
                                      name) != analysis.positional.end()) {
      continue;
    }
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::string> more,
                               FlagWords(flags, analysis, name, value));
    words.insert(words.end(), more.begin(), more.end());
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::string> output,
                             OutputWords(analysis, Format(request, analysis)));
  words.insert(words.end(), output.begin(), output.end());
  return words;
}

Response RunAnalysis(const Analysis& analysis, std::shared_ptr<const LoadedCase> loaded,
                     const Request& request) {
  const Result<std::vector<std::string>> words = WordsFor(analysis, request);
  if (!words.ok()) return ErrorResponse(words.status());
  std::ostringstream out;
  std::ostringstream err;
  const LoadedSource source(std::move(loaded));
  cli::Io io{out, err, false, std::nullopt, &source};
  if (Status s = cli::RunWords(analysis.command, *words, io); !s.ok()) return ErrorResponse(s);
  Response response;
  response.content_type = ContentTypeOf(Format(request, analysis));
  response.body = std::move(out).str();
  return response;
}

Response JsonResponse(int status, const nlohmann::ordered_json& body) {
  Response response;
  response.status = status;
  response.body = io::JsonText(body);
  return response;
}

}  // namespace whipcount::server
