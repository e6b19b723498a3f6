// What the API's parts share: a request being answered, the route table's entries, and the
// analyses (the command-line commands a case can be asked for over HTTP).
#ifndef WHIPCOUNT_SERVER_ROUTES_H_
#define WHIPCOUNT_SERVER_ROUTES_H_

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/commands.h"
#include "server/cases.h"
#include "server/http.h"
#include "store/store.h"

namespace whipcount::server {

// Who may use a route: anyone, or a token of at least this role (viewer routes are open to all
// in public mode).
enum class Access { kPublic, kViewer, kEditor, kAdmin };

// A request matched to a route.
struct Call {
  const Request& request;
  std::map<std::string, std::string, std::less<>> params;  // the pattern's {names}
  std::optional<store::TokenInfo> token;

  // Who a write is recorded as: the token's name.
  std::string Author() const { return token ? token->name : "anonymous"; }
  const std::string& Param(std::string_view name) const { return params.find(name)->second; }
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/cases/{case}/events"
  Access access = Access::kViewer;
  std::string summary;
  std::function<Response(const Call&)> handle;
  // For an analysis: the command whose flags are the route's query parameters.
  std::optional<cli::Command> command;
  bool body = false;  // takes a request body
};

// How an analysis answers.
enum class Output { kData, kSvg, kPng };

// One command of the command line offered for a case: GET /api/cases/{case}/<route>.
struct Analysis {
  std::string route;  // "tally", "diagram.svg"
  cli::Command command;
  Output output = Output::kData;
  bool expensive = false;               // runs on a worker, within the time limit
  bool csv = false;                     // answers ?format=csv
  std::vector<std::string> positional;  // query parameters that are the command's arguments
};
const std::vector<Analysis>& Analyses();

// The flags no request may set: those naming files, and those the route sets itself.
bool IsServerOnlyFlag(std::string_view name);

// The command's words for a request on the case: kCaseFileName, the positional parameters, each
// query parameter as a flag, then --json or --csv as the output asks. E401 for a parameter the
// command does not take or that only the server sets.
Result<std::vector<std::string>> WordsFor(const Analysis& analysis, const Request& request);

// Runs the analysis on `loaded` and answers with its output (JSON, CSV, SVG or PNG).
Response RunAnalysis(const Analysis& analysis, std::shared_ptr<const LoadedCase> loaded,
                     const Request& request);

// A JSON response.
Response JsonResponse(int status, const nlohmann::ordered_json& body);

// The OpenAPI 3 document of `routes`.
nlohmann::ordered_json OpenApiOf(const std::vector<Route>& routes);

}  // namespace whipcount::server

#endif  // WHIPCOUNT_SERVER_ROUTES_H_
