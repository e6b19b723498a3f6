#include "io/chamber_draft.h"

#include <cctype>

#include "io/chamber_json.h"

namespace whipcount::io {

using Json = nlohmann::ordered_json;

std::string IdOf(std::string_view text) {
  std::string id;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.') {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

std::string ChamberDraft::Yaml() const {
  return JsonToEditableYaml(header, document, party_comments);
}

namespace {

// The id of the largest party of the government's bloc, else of the largest party.
std::string ChairParty(const Json& document) {
  std::string best;
  std::int64_t most = -1;
  for (const bool government_only : {true, false}) {
    for (const Json& party : document["parties"]) {
      const std::string& id = party["id"].get_ref<const std::string&>();
      bool in_government = false;
      for (const Json& bloc : document.value("blocs", Json::array())) {
        if (bloc.value("role", "") != "government") continue;
        for (const Json& member : bloc["parties"]) in_government = in_government || member == id;
      }
      const std::int64_t seats = party.value("seats", std::int64_t{0});
      if ((in_government || !government_only) && !party.value("independents", false) &&
          seats > most) {
        best = id;
        most = seats;
      }
    }
    if (!best.empty()) return best;
  }
  return best;
}

}  // namespace

std::string AddMotion(ChamberDraft& draft, const std::optional<MotionChoice>& choice) {
  Json& document = draft.document;
  if (choice && choice->chair_casts) {
    const std::string party = ChairParty(document);
    if (!party.empty()) {
      document["chamber"]["presiding_officer"] =
          Json{{"name", "The presiding officer"}, {"party", party}, {"vote", "casting"}};
      draft.header.push_back(
          "The rule gives the chair a casting vote: the presiding officer's "
          "seat is taken from " +
          party + "; name them, or move the seat.");
    }
  }
  if (choice) {
    document["rulebook"] = choice->rulebook;
    document["motion"] = Json{{"id", "motion"},
                              {"title", choice->title.empty() ? choice->rule : choice->title},
                              {"rule", choice->rule},
                              {"kind", choice->kind}};
    return choice->kind;
  }
  document["rules"] = Json::array({Json{
      {"id", "majority-of-votes-cast"},
      {"name", "A majority of the votes cast (placeholder)"},
      {"citation", "whipcount's placeholder: no rulebook was given; write the chamber's rule here"},
      {"thresholds", Json::array({Json{{"fraction", "1/2"},
                                       {"strict", true},
                                       {"base", "cast"},
                                       {"label", "more than half of the votes cast"}}})},
      {"tie", "fails"}}});
  document["motion"] = Json{{"id", "motion"},
                            {"title", "No-confidence motion (placeholder rule)"},
                            {"rule", "majority-of-votes-cast"},
                            {"kind", "no-confidence"}};
  return "no-confidence";
}

void AddBlocStances(Json& document, const std::string& kind) {
  if (!document.contains("blocs") || document["blocs"].empty()) return;
  Json& blocs = document["stances"]["blocs"];
  for (const Json& bloc : document["blocs"]) {
    const bool government = bloc.value("role", "") == "government";
    const bool removes = kind == "no-confidence";
    blocs[bloc["id"].get<std::string>()] = government != removes ? "for" : "against";
  }
}

}  // namespace whipcount::io
