// The API described in OpenAPI 3, made from the route table itself (an analysis's parameters are
// its command's flags), so the document cannot list a route the server lacks or miss one it has.
#include "server/routes.h"
#include "whipcount/version.h"

namespace whipcount::server {
namespace {

using Json = nlohmann::ordered_json;

Json ErrorSchemaRef() { return {{"$ref", "#/components/schemas/Error"}}; }

Json ErrorResponses(const Route& route) {
  Json r = Json::object();
  r["400"] = {{"description", "bad input (E1xx, E2xx, E401)"}};
  if (route.access != Access::kPublic) {
    r["401"] = {{"description", "no token, or an unknown or revoked one (E503)"}};
    r["403"] = {{"description", "the token's role does not allow this (E504)"}};
  }
  if (route.pattern.find("{case}") != std::string::npos) {
    r["404"] = {{"description", "no such case (E501)"}};
  }
  if (route.method == "POST" && route.pattern.ends_with("/events")) {
    r["409"] = {{"description", "If-Match is not the case's version (E502); the ETag is"}};
    r["428"] = {{"description", "no If-Match (E505)"}};
  }
  if (route.body) r["413"] = {{"description", "the body is too large (E211)"}};
  if (route.command && route.command->name != "tally") {
    r["503"] = {{"description", "the analysis ran past the time limit (E507)"}};
  }
  for (auto it = r.begin(); it != r.end(); ++it) {
    it.value()["content"] = {{"application/json", {{"schema", ErrorSchemaRef()}}}};
  }
  return r;
}

Json Parameter(std::string name, std::string in, std::string description, bool required,
               Json schema) {
  return {{"name", std::move(name)},
          {"in", std::move(in)},
          {"description", std::move(description)},
          {"required", required},
          {"schema", std::move(schema)}};
}

// The query parameters of an analysis: its command's flags that a request may set.
Json AnalysisParameters(const Route& route) {
  Json list = Json::array();
  for (const Analysis& a : Analyses()) {
    if ("/api/cases/{case}/" + a.route != route.pattern) continue;
    for (const std::string& p : a.positional) {
      list.push_back(Parameter(p, "query", "a date YYYY-MM-DD", true, {{"type", "string"}}));
    }
    if (a.output == Output::kData) {
      Json formats = Json::array({"json", "text"});
      if (a.csv) formats.push_back("csv");
      list.push_back(Parameter("format", "query", "the output's form (default json)", false,
                               {{"type", "string"}, {"enum", formats}}));
    }
    for (const cli::FlagSpec& f : cli::FlagsOf(a.command)) {
      if (IsServerOnlyFlag(f.name)) continue;
      Json schema = f.value.empty() ? Json{{"type", "boolean"}} : Json{{"type", "string"}};
      if (f.repeatable) schema = {{"type", "array"}, {"items", schema}};
      list.push_back(Parameter(std::string(f.name), "query", cli::FlagHelp(f), false, schema));
    }
    break;
  }
  return list;
}

std::string ContentOf(const Route& route) {
  if (route.pattern.ends_with(".svg")) return "image/svg+xml";
  if (route.pattern.ends_with(".png")) return "image/png";
  if (route.pattern.ends_with("/stream")) return "text/event-stream";
  if (route.pattern.ends_with("/file")) return "application/yaml";
  return "application/json";
}

Json Operation(const Route& route) {
  Json op = {{"summary", route.summary}};
  Json parameters = Json::array();
  for (size_t at = route.pattern.find('{'); at != std::string::npos;
       at = route.pattern.find('{', at + 1)) {
    const size_t close = route.pattern.find('}', at);
    parameters.push_back(Parameter(route.pattern.substr(at + 1, close - at - 1), "path", "its id",
                                   true, {{"type", "string"}}));
  }
  if (route.command) {
    Json more = AnalysisParameters(route);
    for (Json& p : more) parameters.push_back(std::move(p));
  }
  if (route.method == "POST" && route.pattern.ends_with("/events")) {
    parameters.push_back(Parameter("If-Match", "header", "the case's version (its ETag)", true,
                                   {{"type", "string"}}));
  }
  if (!parameters.empty()) op["parameters"] = parameters;
  if (route.body) {
    const bool yaml = route.pattern == "/api/cases" || route.command.has_value();
    op["requestBody"] = {
        {"required", true},
        {"content",
         {{yaml ? "application/yaml" : "application/json", {{"schema", Json::object()}}}}}};
  }
  const bool creates = route.method == "POST" && !route.command;
  Json responses = {{creates ? "201" : "200",
                     {{"description", "done"}, {"content", {{ContentOf(route), Json::object()}}}}}};
  const Json errors = ErrorResponses(route);
  for (auto it = errors.begin(); it != errors.end(); ++it) responses[it.key()] = it.value();
  op["responses"] = responses;
  if (route.access != Access::kPublic) {
    op["security"] = Json::array({{{"bearer", Json::array()}}});
  }
  return op;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Json OpenApiOf(const std::vector<Route>& routes) {
  Json paths = Json::object();
  for (const Route& route : routes) paths[route.pattern][Lower(route.method)] = Operation(route);
  Json error = {{"type", "object"},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"properties",
                     {{"code", {{"type", "string"}}},
                      {"name", {{"type", "string"}}},
                      {"message", {{"type", "string"}}}}}}}}}};
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "whipcount"},
            {"version", kVersion},
            {"description",
             "A newsroom's live whip count: cases, their sourced event logs, and every analysis "
             "of the whipcount command line. docs/server.md explains each route."}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
            {"schemas", {{"Error", error}}}}}};
}

}  // namespace whipcount::server
