// whipcount serve [FILE...]: the live count over HTTP (docs/server.md); whipcount token: its
// access tokens.
#include <chrono>
#include <memory>

#include "commands/commands.h"
#include "server/api.h"
#include "server/http.h"
#include "store/store.h"

namespace whipcount::cli {
namespace {

constexpr std::string_view kDefaultDatabase = "whipcount.db";

FlagSpec DatabaseFlag() {
  return {.name = "db",
          .value = "URL",
          .help =
              "the database: a SQLite file (default whipcount.db in the working directory) or "
              "postgresql://user@host/name"};
}

Result<std::unique_ptr<store::Store>> OpenDatabase(const Args& args) {
  return store::OpenStore(args.Get("db").value_or(std::string(kDefaultDatabase)));
}

// A first admin token, printed once, when the database has none: otherwise nobody could write.
// Servers starting at once on a new database (replicas) all find none: the first to store its
// token prints it, and the others, refused its name, have nothing to print.
Status EnsureAdmin(store::Store& db, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<store::TokenInfo> tokens, db.ListTokens());
  for (const store::TokenInfo& t : tokens) {
    if (!t.revoked_at) return Status::Ok();
  }
  const std::string secret = store::NewSecret();
  const Status made =
      db.CreateToken("admin", store::Role::kAdmin, store::HashSecret(secret)).status();
  if (made.code() == ErrorCode::kConflict) return Status::Ok();
  WHIPCOUNT_RETURN_IF_ERROR(made);
  io.out << "First admin token (shown once; keep it, the database holds only its hash):\n  "
         << secret << "\n";
  return Status::Ok();
}

Result<server::HttpOptions> HttpOptionsOf(const Args& args, Io& io) {
  server::HttpOptions http;
  http.host = args.Get("host").value_or(http.host);
  WHIPCOUNT_ASSIGN_OR_RETURN(http.port, args.Int<std::uint16_t>("port"));
  WHIPCOUNT_ASSIGN_OR_RETURN(http.threads, args.Int<int>("threads"));
  if (!args.Has("quiet")) http.access_log = &io.err;
  return http;
}

Status RunServe(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(server::HttpOptions http, HttpOptionsOf(args, io));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t limit, args.Int<std::int64_t>("analysis-limit"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> db, OpenDatabase(args));
  server::Api api(
      *db, {.public_read = args.Has("public"), .analysis_limit = std::chrono::seconds(limit)});
  for (const std::string& path : args.positional()) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::string done, api.ImportFile(path, "whipcount serve"));
    io.out << done << "\n";
  }
  WHIPCOUNT_RETURN_IF_ERROR(EnsureAdmin(*db, io));
  if (args.Has("check")) {
    io.out << "The database " << db->Describe() << " is ready; not serving (--check).\n";
    return Status::Ok();
  }
  db->OnChange([&api](const store::Change& change) { api.Changed(change); });
  server::HttpServer listener(http, [&api](const server::Request& r) { return api.Handle(r); });
  WHIPCOUNT_RETURN_IF_ERROR(listener.Listen());
  io.out << "whipcount serve: http://" << http.host << ":" << listener.port() << "/ on "
         << db->Describe() << (args.Has("public") ? ", readable without a token" : "")
         << "; Ctrl-C or SIGTERM stops it" << std::endl;
  listener.Run(/*stop_on_signals=*/true);
  db->OnChange(nullptr);
  api.CloseStreams();
  io.out << "whipcount serve: stopped" << std::endl;
  return Status::Ok();
}

Status RunToken(const Args& args, Io& io) {
  const std::vector<std::string>& words = args.positional();
  if (words.empty()) return Usage("say what to do: token create, token list or token revoke NAME");
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::unique_ptr<store::Store> db, OpenDatabase(args));
  if (words[0] == "create" && words.size() == 1) {
    const std::optional<std::string> name = args.Get("name");
    if (!name || name->empty()) return Usage("token create needs --name, e.g. --name \"Desk 2\"");
    WHIPCOUNT_ASSIGN_OR_RETURN(const store::Role role, args.Choice<store::Role>("role"));
    const std::string secret = store::NewSecret();
    WHIPCOUNT_ASSIGN_OR_RETURN(const store::TokenInfo made,
                               db->CreateToken(*name, role, store::HashSecret(secret)));
    io.out << "Token '" << made.name << "' (" << EnumName(made.role)
           << "), shown once; the database keeps only its hash:\n  " << secret << "\n";
    return Status::Ok();
  }
  if (words[0] == "list" && words.size() == 1) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<store::TokenInfo> tokens, db->ListTokens());
    Table t({{"id"},
             {"name", Align::kLeft},
             {"role", Align::kLeft},
             {"created", Align::kLeft},
             {"revoked", Align::kLeft}});
    for (const store::TokenInfo& k : tokens) {
      t.AddRow({std::to_string(k.id), k.name, std::string(EnumName(k.role)), k.created_at,
                k.revoked_at.value_or("")});
    }
    t.Print(io.out, StyleFor(args, io), 0);
    return Status::Ok();
  }
  if (words[0] == "revoke" && words.size() == 2) {
    WHIPCOUNT_RETURN_IF_ERROR(db->RevokeToken(words[1]));
    io.out << "Revoked token '" << words[1] << "'.\n";
    return Status::Ok();
  }
  return Usage("expected token create, token list or token revoke NAME");
}

}  // namespace

Command ServeCommand() {
  return Command{
      .name = "serve",
      .summary = "serve the live count over HTTP to a desk of editors",
      .usage = "whipcount serve [FILE...] [--db URL] [--host H] [--port N] [--public]",
      .example = "whipcount serve --check data/pk-na-2022.yaml",
      .description =
          "Serves cases over HTTP (docs/server.md): their sourced event logs, which editors append "
          "to, every analysis of this command line, pictures, and a live stream per case. The "
          "database is a SQLite file by default, or PostgreSQL (--db postgresql://...), which "
          "several servers can share. Chamber files named on the command line become cases (by "
          "their file names) unless the database already has them. With no token in the "
          "database, a first admin token is printed once.",
      .flags =
          {
              DatabaseFlag(),
              {.name = "host",
               .value = "H",
               .help = "the address to listen on (default 127.0.0.1)"},
              {.name = "port",
               .value = "N",
               .help = "the port to listen on (0: any free port)",
               .accepts = WholeNumbers{.low = 0, .high = 65535, .fallback = 8080}},
              {.name = "threads",
               .value = "N",
               .help = "threads answering requests (0: one per core)",
               .accepts = WholeNumbers{.low = 0, .high = 256, .fallback = 0}},
              {.name = "public", .help = "let anyone read without a token (writes still need one)"},
              {.name = "analysis-limit",
               .value = "S",
               .help = "seconds a forecast, power or coalitions request may run",
               .accepts = WholeNumbers{.low = 1, .high = 3600, .fallback = 10}},
              {.name = "quiet", .help = "no access log on standard error"},
              {.name = "check",
               .help = "open the database and import the files, then exit without serving"},
          },
      .run = RunServe,
  };
}

Command TokenCommand() {
  return Command{
      .name = "token",
      .summary = "create, list and revoke the server's access tokens",
      .usage = "whipcount token create --name NAME --role ROLE | list | revoke NAME [--db URL]",
      .example = "whipcount token create --role editor --name \"Desk 2\"",
      .description =
          "Tokens let people use the server: a viewer reads, an editor also records events, an "
          "admin also creates cases and manages tokens. A new token's secret is printed once; the "
          "database keeps only its SHA-256.",
      .flags =
          {
              DatabaseFlag(),
              {.name = "name", .value = "NAME", .help = "the new token's name, e.g. \"Desk 2\""},
              {.name = "role",
               .value = "ROLE",
               .help = "what the new token may do",
               .accepts = WordsOf<store::Role>(store::Role::kEditor)},
          },
      .run = RunToken,
  };
}

}  // namespace whipcount::cli
