#include "io/chamber_file.h"

#include <array>
#include <set>

#include "io/shipped.h"
#include "io/yaml_doc.h"

namespace whipcount::io {
namespace {

// A quorum counts members present against seats: its base is one of the seat bases (IsSeatBase).
constexpr std::array kQuorumBases{Base::kStatutorySeats, Base::kFilledSeats};

// Reads one document (a chamber file or a rulebook) into engine values.
class Reader {
 public:
  explicit Reader(YamlDoc& doc) : doc_(doc) {}

  Status Source(const YamlNode& node, const std::string& at, whipcount::Source& out,
                const std::vector<whipcount::Source>* known) {
    if (node.IsScalar()) {
      if (known != nullptr) {
        for (const whipcount::Source& s : *known) {
          if (s.id == node.Scalar()) {
            out = s;
            return Status::Ok();
          }
        }
      }
      return doc_.Error(node, at, ErrorCode::kUnknownId,
                        "source '" + std::string(node.Scalar()) + "' is not in the sources list");
    }
    WHIPCOUNT_RETURN_IF_ERROR(
        doc_.ExpectMap(node, at, {"id", "title", "publisher", "url", "published", "quote"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "id", at, out.id));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "title", at, out.title));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "publisher", at, out.publisher));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "url", at, out.url));
    std::optional<Date> published;
    WHIPCOUNT_RETURN_IF_ERROR(doc_.DateField(node, "published", at, published));
    if (published) out.published = published->ToString();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "quote", at, out.quote));
    if (out.title.empty() && out.url.empty()) {
      return doc_.Error(node, at, ErrorCode::kMissingField, "a source needs a title or a url");
    }
    return Status::Ok();
  }

  Status Sources(const YamlNode& node, std::vector<whipcount::Source>& out) {
    if (!node) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, "sources"));
    std::set<std::string> ids;
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string at = ItemPath("sources", i);
      whipcount::Source s;
      WHIPCOUNT_RETURN_IF_ERROR(Source(node[i], at, s, nullptr));
      if (node[i].IsMap() && s.id.empty()) {
        return doc_.Error(node[i], at + ".id", ErrorCode::kMissingField,
                          "each entry of sources needs an id for others to refer to");
      }
      if (!ids.insert(s.id).second) {
        return doc_.Error(node[i], at + ".id", ErrorCode::kDuplicateId,
                          "source id '" + s.id + "' is used twice");
      }
      out.push_back(std::move(s));
    }
    return Status::Ok();
  }

  Status Threshold(const YamlNode& node, const std::string& at, whipcount::Threshold& t) {
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(node, at, {"fraction", "strict", "base", "label"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.FractionField(node, "fraction", at, t.fraction));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Bool(node, "strict", at, t.strict));
    if (!node["base"]) {
      return doc_.Error(node, at + ".base", ErrorCode::kMissingField,
                        "'" + at +
                            ".base' is required: statutory, filled, present, cast or "
                            "cast+abstain");
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(node, "base", at, t.base));
    return doc_.String(node, "label", at, t.label);
  }

  // A rule's quorum: a fraction of a base, or an absolute number of members, never both.
  Status QuorumMap(const YamlNode& q, const std::string& at, Quorum& quorum) {
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(q, at, {"fraction", "base", "absolute", "label"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.OptionalInt(q, "absolute", at, quorum.absolute));
    if (!quorum.absolute) {
      WHIPCOUNT_RETURN_IF_ERROR(doc_.FractionField(q, "fraction", at, quorum.fraction));
    } else if (const YamlNode fraction = q["fraction"]; fraction && !fraction.IsNull()) {
      return doc_.Error(fraction, FieldPath(at, "fraction"), ErrorCode::kInvalidValue,
                        "a quorum is either 'absolute' (a number of members) or a 'fraction', "
                        "not both");
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(q, "base", at, quorum.base, kQuorumBases));
    return doc_.String(q, "label", at, quorum.label);
  }

  Status Rule(const YamlNode& node, const std::string& at, whipcount::Rule& r,
              const std::vector<whipcount::Source>& sources) {
    WHIPCOUNT_RETURN_IF_ERROR(
        doc_.ExpectMap(node, at,
                       {"id", "name", "citation", "thresholds", "quorum", "tie", "casting",
                        "constructive", "anti_defection", "source"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "id", at, r.id, Need::kRequired));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "name", at, r.name));
    if (r.name.empty()) r.name = r.id;
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "citation", at, r.citation));
    if (const YamlNode src = node["source"]) {
      whipcount::Source ignored;
      WHIPCOUNT_RETURN_IF_ERROR(Source(src, at + ".source", ignored, &sources));
    }
    const YamlNode ts = node["thresholds"];
    if (!ts) {
      return doc_.Error(node, at + ".thresholds", ErrorCode::kMissingField,
                        "rule '" + r.id + "' needs a thresholds list");
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(ts, at + ".thresholds"));
    for (size_t i = 0; i < ts.size(); ++i) {
      whipcount::Threshold t;
      WHIPCOUNT_RETURN_IF_ERROR(Threshold(ts[i], ItemPath(at + ".thresholds", i), t));
      r.thresholds.push_back(std::move(t));
    }
    if (const YamlNode q = node["quorum"]) {
      Quorum quorum;
      WHIPCOUNT_RETURN_IF_ERROR(QuorumMap(q, at + ".quorum", quorum));
      r.quorum = quorum;
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(node, "tie", at, r.tie));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(node, "casting", at, r.casting));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Bool(node, "constructive", at, r.constructive));
    if (const YamlNode ad = node["anti_defection"]) {
      const std::string aat = at + ".anti_defection";
      WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(ad, aat));
      for (size_t i = 0; i < ad.size(); ++i) {
        const std::string pat = ItemPath(aat, i);
        WHIPCOUNT_RETURN_IF_ERROR(
            doc_.ExpectMap(ad[i], pat, {"from", "until", "defector_votes", "note", "source"}));
        AntiDefectionPeriod p;
        WHIPCOUNT_RETURN_IF_ERROR(doc_.DateField(ad[i], "from", pat, p.from));
        WHIPCOUNT_RETURN_IF_ERROR(doc_.DateField(ad[i], "until", pat, p.until));
        if (!ad[i]["defector_votes"]) {
          return doc_.Error(ad[i], pat + ".defector_votes", ErrorCode::kMissingField,
                            "'" + pat + ".defector_votes' is required: counted or not-counted");
        }
        WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(ad[i], "defector_votes", pat, p.defector_votes));
        WHIPCOUNT_RETURN_IF_ERROR(doc_.String(ad[i], "note", pat, p.note));
        if (const YamlNode src = ad[i]["source"]) {
          whipcount::Source s;
          WHIPCOUNT_RETURN_IF_ERROR(Source(src, pat + ".source", s, &sources));
          p.source = s.title.empty() ? s.url : s.title;
        }
        r.anti_defection.push_back(std::move(p));
      }
    }
    return Status::Ok();
  }

  Status Rules(const YamlNode& node, std::vector<whipcount::Rule>& out,
               const std::vector<whipcount::Source>& sources) {
    if (!node) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, "rules"));
    for (size_t i = 0; i < node.size(); ++i) {
      whipcount::Rule r;
      WHIPCOUNT_RETURN_IF_ERROR(Rule(node[i], ItemPath("rules", i), r, sources));
      if (FindRule(out, r.id) != nullptr) {
        return doc_.Error(node[i], ItemPath("rules", i) + ".id", ErrorCode::kDuplicateId,
                          "rule '" + r.id + "' is defined twice");
      }
      out.push_back(std::move(r));
    }
    return Status::Ok();
  }

  Status ChamberSection(const YamlNode& node, Chamber& c) {
    if (!node) {
      return doc_.Error(doc_.root(), "chamber", ErrorCode::kMissingField,
                        "the file needs a 'chamber' section (id, name, seats)");
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(
        node, "chamber", {"id", "name", "seats", "vacancies", "presiding_officer", "houses"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "id", "chamber", c.id));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "name", "chamber", c.name, Need::kRequired));
    WHIPCOUNT_RETURN_IF_ERROR(Houses(node["houses"], c));
    // A joint sitting's seats are its houses' together; `seats`, if given, must agree.
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(node, "seats", "chamber", c.statutory_seats,
                                       c.houses.empty() ? Need::kRequired : Need::kOptional));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.OptionalInt(node, "vacancies", "chamber", c.declared_vacancies));
    if (const YamlNode po = node["presiding_officer"]) {
      const std::string at = "chamber.presiding_officer";
      WHIPCOUNT_RETURN_IF_ERROR(
          doc_.ExpectMap(po, at, {"name", "party", "member", "vote", "house"}));
      PresidingOfficer officer;
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(po, "name", at, officer.name));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(po, "house", at, officer.house));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(po, "party", at, officer.party));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(po, "member", at, officer.member));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(po, "vote", at, officer.vote));
      c.presiding = officer;
    }
    return Status::Ok();
  }

  Status Houses(const YamlNode& node, Chamber& c) {
    if (!node) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, "chamber.houses"));
    long long total = 0;
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string at = ItemPath("chamber.houses", i);
      WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(node[i], at, {"id", "name", "seats"}));
      House h;
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "id", at, h.id, Need::kRequired));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "name", at, h.name));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(node[i], "seats", at, h.seats, Need::kRequired));
      if (h.name.empty()) h.name = h.id;
      total += std::max(h.seats, 0);
      c.houses.push_back(std::move(h));
    }
    c.statutory_seats = static_cast<int>(std::min<long long>(total, kMaxCount));
    return Status::Ok();
  }

  // A party's `seats`: a number, or in a joint sitting a map of house id to seats.
  Status PartySeats(const YamlNode& p, const std::string& at, Party& party) {
    const YamlNode seats = p["seats"];
    if (!seats || !seats.IsMap()) {
      std::optional<int> n;
      WHIPCOUNT_RETURN_IF_ERROR(doc_.OptionalInt(p, "seats", at, n));
      party.seats = n.value_or(-1);  // -1: count the named members once they are read
      if (n && *n < 0) {
        return doc_.Error(seats, at + ".seats", ErrorCode::kNegativeSeats,
                          "party '" + party.id + "' has " + std::to_string(*n) +
                              " seats; a count of seats cannot be negative");
      }
      return Status::Ok();
    }
    const std::string sat = at + ".seats";
    long long total = 0;
    for (const YamlNode::Entry& e : seats.entries()) {
      const std::string house(e.key.Scalar());
      int n = 0;
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(seats, house, sat, n, Need::kRequired));
      if (n < 0) {
        return doc_.Error(e.value, FieldPath(sat, house), ErrorCode::kNegativeSeats,
                          "a count of seats cannot be negative");
      }
      party.house_seats[house] = n;
      total += n;
    }
    party.seats = static_cast<int>(std::min<long long>(total, kMaxCount));
    return Status::Ok();
  }

  Status Parties(const YamlNode& node, Chamber& c, const std::vector<whipcount::Source>& sources) {
    if (!node) {
      return doc_.Error(doc_.root(), "parties", ErrorCode::kMissingField,
                        "the file needs a 'parties' list");
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, "parties"));
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string at = ItemPath("parties", i);
      const YamlNode p = node[i];
      WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(p, at,
                                               {"id", "name", "short", "colour", "color", "seats",
                                                "position", "independents", "counted", "source"}));
      Party party;
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(p, "id", at, party.id, Need::kRequired));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(p, "name", at, party.name));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(p, "short", at, party.short_name));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(p, "colour", at, party.colour));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(p, "color", at, party.colour));
      WHIPCOUNT_RETURN_IF_ERROR(PartySeats(p, at, party));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Number(p, "position", at, party.position));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Bool(p, "independents", at, party.independents));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Bool(p, "counted", at, party.counted));
      if (const YamlNode src = p["source"]) {
        whipcount::Source s;
        WHIPCOUNT_RETURN_IF_ERROR(Source(src, at + ".source", s, &sources));
      }
      if (party.name.empty()) party.name = party.id;
      if (party.short_name.empty()) party.short_name = party.id;
      c.parties.push_back(std::move(party));
    }
    return Status::Ok();
  }

  Status Members(const YamlNode& node, Chamber& c) {
    if (node) WHIPCOUNT_RETURN_IF_ERROR(ReadMembers(node, c));
    // A party without a seat count has exactly its named members, and needs some.
    for (size_t i = 0; i < c.parties.size(); ++i) {
      Party& p = c.parties[i];
      if (p.seats >= 0) continue;
      p.seats = 0;
      for (const Member& m : c.members) {
        if (m.party != p.id) continue;
        ++p.seats;
        if (!m.house.empty()) ++p.house_seats[m.house];
      }
      if (p.seats == 0) {
        return doc_.Error(
            doc_.root()["parties"][i], ItemPath("parties", i) + ".seats", ErrorCode::kMissingField,
            "party '" + p.id + "' has no 'seats' and no named members: give its number of seats");
      }
    }
    return Status::Ok();
  }

  Status ReadMembers(const YamlNode& node, Chamber& c) {
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, "members"));
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string at = ItemPath("members", i);
      WHIPCOUNT_RETURN_IF_ERROR(
          doc_.ExpectMap(node[i], at, {"id", "name", "party", "constituency", "house", "counted"}));
      Member m;
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "id", at, m.id, Need::kRequired));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "name", at, m.name));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "party", at, m.party, Need::kRequired));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "constituency", at, m.constituency));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "house", at, m.house));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Bool(node[i], "counted", at, m.counted));
      if (m.name.empty()) m.name = m.id;
      c.members.push_back(std::move(m));
    }
    return Status::Ok();
  }

  Status IdList(const YamlNode& node, const std::string& at, std::vector<std::string>& out) {
    if (!node) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, at));
    for (size_t i = 0; i < node.size(); ++i) {
      WHIPCOUNT_ASSIGN_OR_RETURN(const std::string id, doc_.Scalar(node[i], ItemPath(at, i)));
      out.push_back(id);
    }
    return Status::Ok();
  }

  Status Blocs(const YamlNode& node, Chamber& c) {
    if (!node) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, "blocs"));
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string at = ItemPath("blocs", i);
      WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(
          node[i], at, {"id", "name", "role", "colour", "color", "parties", "members"}));
      Bloc b;
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "id", at, b.id, Need::kRequired));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "name", at, b.name));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(node[i], "role", at, b.role));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "colour", at, b.colour));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node[i], "color", at, b.colour));
      WHIPCOUNT_RETURN_IF_ERROR(IdList(node[i]["parties"], at + ".parties", b.parties));
      WHIPCOUNT_RETURN_IF_ERROR(IdList(node[i]["members"], at + ".members", b.members));
      if (b.name.empty()) b.name = b.id;
      c.blocs.push_back(std::move(b));
    }
    return Status::Ok();
  }

  // A party's stance by numbers: {for: 30, against: 17, rest: absent}.
  Status SplitMap(const YamlNode& node, const std::string& at, Split& out) {
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(
        node, at, {"for", "against", "abstain", "present", "absent", "undecided", "rest"}));
    for (Stance stance : kAllStances) {
      std::optional<int> n;
      const std::string key(EnumName(stance));
      WHIPCOUNT_RETURN_IF_ERROR(doc_.OptionalInt(node, key, at, n));
      if (!n) continue;
      if (*n < 0) {
        return doc_.Error(node[key], FieldPath(at, key), ErrorCode::kNegativeSeats,
                          "a count of members cannot be negative");
      }
      out.counts[stance] = *n;
    }
    return doc_.Enum(node, "rest", at, out.rest);
  }

  Status StanceMap(const YamlNode& node, const std::string& at,
                   std::map<std::string, Stance, std::less<>>& out,
                   std::map<std::string, Split, std::less<>>* splits = nullptr) {
    if (!node) return Status::Ok();
    if (!node.IsMap()) return doc_.Error(node, at, ErrorCode::kType, "'" + at + "' must be a map");
    for (const YamlNode::Entry& e : node.entries()) {
      const std::string id(e.key.Scalar());
      const std::string kat = FieldPath(at, id);
      if (out.count(id) || (splits && splits->count(id))) {
        return doc_.Error(e.key, kat, ErrorCode::kSyntax, "'" + id + "' appears twice");
      }
      if (splits != nullptr && e.value.IsMap()) {
        Split split;
        WHIPCOUNT_RETURN_IF_ERROR(SplitMap(e.value, kat, split));
        splits->emplace(id, std::move(split));
        continue;
      }
      WHIPCOUNT_ASSIGN_OR_RETURN(const std::string word, doc_.Scalar(e.value, kat));
      auto stance = ParseEnum<Stance>(word);
      if (!stance) {
        return doc_.Error(e.value, kat, ErrorCode::kInvalidValue,
                          "'" + word + "' is not a stance: " + EnumChoices<Stance>(""));
      }
      out.emplace(id, *stance);
    }
    return Status::Ok();
  }

  Status StancesSection(const YamlNode& node, Stances& s) {
    if (!node) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(node, "stances", {"blocs", "parties", "members"}));
    WHIPCOUNT_RETURN_IF_ERROR(StanceMap(node["blocs"], "stances.blocs", s.blocs));
    WHIPCOUNT_RETURN_IF_ERROR(StanceMap(node["parties"], "stances.parties", s.parties, &s.splits));
    return StanceMap(node["members"], "stances.members", s.members);
  }

  Status MotionMap(const YamlNode& node, const std::string& at, Motion& m) {
    WHIPCOUNT_RETURN_IF_ERROR(
        doc_.ExpectMap(node, at, {"id", "title", "rule", "successor", "date", "kind"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "id", at, m.id));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "title", at, m.title));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "rule", at, m.rule, Need::kRequired));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "successor", at, m.successor));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.DateField(node, "date", at, m.date));
    return doc_.Enum(node, "kind", at, m.kind);
  }

  // `motion:` (one) or `motions:` (a list), never both.
  Status MotionSection(const YamlNode& root, std::vector<Motion>& out) {
    const YamlNode one = root["motion"];
    const YamlNode many = root["motions"];
    if (one && many) {
      return doc_.Error(many, "motions", ErrorCode::kInvalidValue,
                        "give either 'motion' or 'motions', not both");
    }
    if (one) {
      Motion m;
      WHIPCOUNT_RETURN_IF_ERROR(MotionMap(one, "motion", m));
      out.push_back(std::move(m));
      return Status::Ok();
    }
    if (!many) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(many, "motions"));
    if (many.size() == 0) {
      return doc_.Error(many, "motions", ErrorCode::kMissingField, "'motions' lists no motion");
    }
    for (size_t i = 0; i < many.size(); ++i) {
      const std::string at = ItemPath("motions", i);
      Motion m;
      WHIPCOUNT_RETURN_IF_ERROR(MotionMap(many[i], at, m));
      if (m.id.empty()) {
        return doc_.Error(many[i], at + ".id", ErrorCode::kMissingField,
                          "each of several motions needs an id, for --motion and events");
      }
      for (const Motion& other : out) {
        if (other.id == m.id) {
          return doc_.Error(many[i]["id"], at + ".id", ErrorCode::kDuplicateId,
                            "motion id '" + m.id + "' is used twice");
        }
      }
      out.push_back(std::move(m));
    }
    return Status::Ok();
  }

  Status Recorded(const YamlNode& node, const std::string& at, RecordedVote& out) {
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(
        node, at, {"for", "against", "abstain", "present", "absent", "secret", "parties"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(node, "for", at, out.for_votes, Need::kRequired));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(node, "against", at, out.against, Need::kRequired));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.OptionalInt(node, "abstain", at, out.abstain));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.OptionalInt(node, "present", at, out.present));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.OptionalInt(node, "absent", at, out.absent));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Bool(node, "secret", at, out.secret));
    if (out.secret && node["parties"]) {
      return doc_.Error(node["parties"], at + ".parties", ErrorCode::kInvalidValue,
                        "a secret ballot has no breakdown by party");
    }
    for (const auto& [value, name] :
         {std::pair{out.for_votes, "for"}, std::pair{out.against, "against"},
          std::pair{out.abstain.value_or(0), "abstain"},
          std::pair{out.present.value_or(0), "present"},
          std::pair{out.absent.value_or(0), "absent"}}) {
      if (value < 0) {
        return doc_.Error(node[name], at + "." + name, ErrorCode::kNegativeSeats,
                          "a vote count cannot be negative");
      }
    }
    if (const YamlNode parties = node["parties"]) {
      const std::string pat = at + ".parties";
      if (!parties.IsMap()) {
        return doc_.Error(parties, pat, ErrorCode::kType,
                          "'" + pat + "' maps party ids to {for, against, abstain}");
      }
      for (const YamlNode::Entry& e : parties.entries()) {
        const std::string id(e.key.Scalar());
        const std::string iat = FieldPath(pat, id);
        WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(e.value, iat, {"for", "against", "abstain"}));
        RecordedVote::PartyResult r{.party = id};
        WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(e.value, "for", iat, r.for_votes));
        WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(e.value, "against", iat, r.against));
        WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(e.value, "abstain", iat, r.abstain));
        out.parties.push_back(std::move(r));
      }
    }
    return Status::Ok();
  }

  Status Chair(const YamlNode& node, const std::string& at, PresidingOfficer& officer) {
    WHIPCOUNT_RETURN_IF_ERROR(
        doc_.ExpectMap(node, at, {"name", "party", "member", "vote", "house"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "house", at, officer.house));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "name", at, officer.name));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "party", at, officer.party));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(node, "member", at, officer.member));
    return doc_.Enum(node, "vote", at, officer.vote);
  }

  Status Event(const YamlNode& e, const std::string& at, whipcount::Event& event,
               const std::vector<whipcount::Source>& sources) {
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(
        e, at,
        {"date", "kind", "party", "member", "bloc", "stance", "count", "reason", "new_member",
         "chair", "recorded", "summary", "source", "motion", "house"}));
    std::optional<Date> date;
    WHIPCOUNT_RETURN_IF_ERROR(doc_.DateField(e, "date", at, date, Need::kRequired));
    event.date = *date;
    if (!e["kind"]) {
      return doc_.Error(e, at + ".kind", ErrorCode::kMissingField,
                        "'" + at + ".kind' is required: one of " + EnumChoices<EventKind>(""));
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(e, "kind", at, event.kind));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(e, "party", at, event.party));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(e, "member", at, event.member));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(e, "bloc", at, event.bloc));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(e, "motion", at, event.motion));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(e, "house", at, event.house));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Int(e, "count", at, event.count));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(e, "reason", at, event.reason));
    auto require = [&](std::string_view key, std::string_view what) -> Status {
      if (e[std::string(key)]) return Status::Ok();
      return doc_.Error(e, at + "." + std::string(key), ErrorCode::kMissingField,
                        "a " + std::string(EnumName(event.kind)) + " event needs '" +
                            std::string(key) + "' (" + std::string(what) + ")");
    };
    switch (event.kind) {
      case EventKind::kStance:
        WHIPCOUNT_RETURN_IF_ERROR(require("stance", EnumChoices<Stance>("")));
        if (e["stance"].IsMap()) {
          if (event.party.empty()) {
            return doc_.Error(e["stance"], at + ".stance", ErrorCode::kInvalidValue,
                              "a stance by numbers is for a party: add 'party'");
          }
          Split split;
          WHIPCOUNT_RETURN_IF_ERROR(SplitMap(e["stance"], at + ".stance", split));
          event.split = std::move(split);
        } else {
          WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(e, "stance", at, event.stance));
        }
        break;
      case EventKind::kJoinBloc:
        WHIPCOUNT_RETURN_IF_ERROR(require("bloc", "the bloc joined"));
        break;
      case EventKind::kPresiding: {
        WHIPCOUNT_RETURN_IF_ERROR(require("chair", "the new presiding officer"));
        PresidingOfficer chair;
        WHIPCOUNT_RETURN_IF_ERROR(Chair(e["chair"], at + ".chair", chair));
        event.chair = chair;
        break;
      }
      case EventKind::kVote: {
        WHIPCOUNT_RETURN_IF_ERROR(require("recorded", "the recorded result: for, against, ..."));
        RecordedVote recorded;
        WHIPCOUNT_RETURN_IF_ERROR(Recorded(e["recorded"], at + ".recorded", recorded));
        event.recorded = recorded;
        break;
      }
      case EventKind::kFill:
        if (const YamlNode m = e["new_member"]) {
          const std::string mat = at + ".new_member";
          WHIPCOUNT_RETURN_IF_ERROR(
              doc_.ExpectMap(m, mat, {"id", "name", "constituency", "house"}));
          Member member;
          WHIPCOUNT_RETURN_IF_ERROR(doc_.String(m, "id", mat, member.id, Need::kRequired));
          WHIPCOUNT_RETURN_IF_ERROR(doc_.String(m, "name", mat, member.name));
          WHIPCOUNT_RETURN_IF_ERROR(doc_.String(m, "constituency", mat, member.constituency));
          WHIPCOUNT_RETURN_IF_ERROR(doc_.String(m, "house", mat, member.house));
          if (member.name.empty()) member.name = member.id;
          event.new_member = member;
        }
        break;
      default:
        break;
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.String(e, "summary", at, event.summary));
    if (const YamlNode src = e["source"]) {
      WHIPCOUNT_RETURN_IF_ERROR(Source(src, at + ".source", event.source, &sources));
    }
    return Status::Ok();
  }

  // Appends the events of `node` and where each is written.
  Status Events(const YamlNode& node, const std::vector<whipcount::Source>& sources,
                std::vector<whipcount::Event>& events, std::vector<Location>& locations) {
    if (!node) return Status::Ok();
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectList(node, "events"));
    events.reserve(events.size() + node.size());
    locations.reserve(locations.size() + node.size());
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string at = ItemPath("events", i);
      whipcount::Event event;
      WHIPCOUNT_RETURN_IF_ERROR(Event(node[i], at, event, sources));
      locations.push_back(Location{
          .file = doc_.file(), .line = node[i].line(), .column = node[i].column(), .path = at});
      events.push_back(std::move(event));
    }
    return Status::Ok();
  }

 private:
  YamlDoc& doc_;
};

// The largest chamber a file may describe, with a chair: a rule checked against it is checked
// only for faults that no chamber can excuse.
Chamber AnyChamber() {
  Chamber any;
  any.statutory_seats = static_cast<int>(kMaxCount);
  any.presiding = PresidingOfficer{};
  return any;
}

// Reads the rulebook at the root of `doc` and checks each rule against `chamber`.
Status ReadRulebookOf(YamlDoc& doc, const Chamber& chamber, Rulebook& out) {
  const YamlNode& root = doc.root();
  WHIPCOUNT_RETURN_IF_ERROR(doc.ExpectMap(root, "", {"format", "legislature", "sources", "rules"}));
  std::string format;
  WHIPCOUNT_RETURN_IF_ERROR(doc.String(root, "format", "", format));
  if (!format.empty() && format != "whipcount/rules/1") {
    return doc.Error(root["format"], "format", ErrorCode::kInvalidValue,
                     "a rulebook's format is 'whipcount/rules/1', not '" + format + "'");
  }
  WHIPCOUNT_RETURN_IF_ERROR(doc.String(root, "legislature", "", out.legislature));
  Reader reader(doc);
  std::vector<whipcount::Source> sources;
  WHIPCOUNT_RETURN_IF_ERROR(reader.Sources(root["sources"], sources));
  WHIPCOUNT_RETURN_IF_ERROR(reader.Rules(root["rules"], out.rules, sources));
  out.sources = sources;
  for (size_t i = 0; i < out.rules.size(); ++i) {
    if (Status s = Validate(out.rules[i], chamber); !s.ok()) {
      s.mutable_where().path = ItemPath("rules", i) + "." + s.where().path;
      return doc.Locate(s);
    }
  }
  return Status::Ok();
}

// Reads the rulebook file `text` and checks each rule against `chamber`.
Status ReadRulebook(const std::string& path, std::string_view text, const Chamber& chamber,
                    Rulebook& out) {
  WHIPCOUNT_ASSIGN_OR_RETURN(YamlDoc doc, YamlDoc::Parse(text, path));
  return ReadRulebookOf(doc, chamber, out);
}

// The chamber file's `rulebook`: a shipped rulebook's name ("de-bundestag") or a path, read
// through `loader`, or the rulebook itself written inline (as `whipcount serve` exports a case, so
// that the file stands alone).
Status ReadRulebookKey(YamlDoc& doc, const FileLoader& loader, const std::string& file,
                       Rulebook& book) {
  const YamlNode& node = doc.root()["rulebook"];
  if (node.IsMap()) {
    YamlDoc inline_book = YamlDoc::Of(node, file, "");
    Status s = ReadRulebookOf(inline_book, AnyChamber(), book);
    if (!s.ok()) s.mutable_where().path = "rulebook." + s.where().path;
    return s;
  }
  std::string rulebook;
  WHIPCOUNT_RETURN_IF_ERROR(doc.String(doc.root(), "rulebook", "", rulebook));
  if (rulebook.empty()) return Status::Ok();
  Result<std::string> resolved = RulebookPath(file, rulebook);
  if (!resolved.ok()) {
    return doc.Error(node, "rulebook", resolved.status().code(), resolved.status().message());
  }
  const std::string& path = *resolved;
  Result<std::string> rules_text = loader(path);
  if (!rules_text.ok()) {
    const Status& s = rules_text.status();
    return doc.Error(node, "rulebook", s.code(), "cannot read rulebook: " + s.message());
  }
  return ReadRulebook(path, *rules_text, AnyChamber(), book);
}

// Appends the events of a separate events file (format whipcount/events/1). Its events may cite
// its own sources and the chamber file's.
Status ReadEventsFile(const std::string& path, std::string_view text, ChamberFile& f) {
  WHIPCOUNT_ASSIGN_OR_RETURN(YamlDoc doc, YamlDoc::Parse(text, path));
  const YamlNode& root = doc.root();
  WHIPCOUNT_RETURN_IF_ERROR(doc.ExpectMap(root, "", {"format", "sources", "events"}));
  std::string format;
  WHIPCOUNT_RETURN_IF_ERROR(doc.String(root, "format", "", format));
  if (!format.empty() && format != "whipcount/events/1") {
    return doc.Error(root["format"], "format", ErrorCode::kInvalidValue,
                     "an events file's format is 'whipcount/events/1', not '" + format + "'");
  }
  Reader reader(doc);
  std::vector<whipcount::Source> sources = f.content.sources;
  std::vector<whipcount::Source> own;
  WHIPCOUNT_RETURN_IF_ERROR(reader.Sources(root["sources"], own));
  sources.insert(sources.end(), own.begin(), own.end());
  const size_t offset = f.content.events.size();
  WHIPCOUNT_RETURN_IF_ERROR(
      reader.Events(root["events"], sources, f.content.events, f.event_locations));
  // Numbered in the file's whole list, as the engine reports them.
  for (size_t i = offset; i < f.event_locations.size(); ++i) {
    f.event_locations[i].path = ItemPath("events", i);
  }
  return Status::Ok();
}

// The rulebook's rules, then the inline ones: each checked for what holds in any chamber (a rule
// no motion uses may be written for a larger house). Returns how many came from the rulebook.
Result<size_t> ReadRules(YamlDoc& doc, Reader& reader, const FileLoader& loader,
                         const std::string& file, Case& c) {
  const YamlNode& root = doc.root();
  Rulebook book;
  WHIPCOUNT_RETURN_IF_ERROR(ReadRulebookKey(doc, loader, file, book));
  c.rules = std::move(book.rules);
  const std::vector<whipcount::Source>& rulebook_sources = book.sources;
  // Inline rules may cite the rulebook's sources as well as the file's own.
  std::vector<whipcount::Source> rule_sources = c.sources;
  rule_sources.insert(rule_sources.end(), rulebook_sources.begin(), rulebook_sources.end());
  const size_t rulebook_rules = c.rules.size();
  std::vector<Rule> inline_rules;
  WHIPCOUNT_RETURN_IF_ERROR(reader.Rules(root["rules"], inline_rules, rule_sources));
  for (size_t i = 0; i < inline_rules.size(); ++i) {
    if (FindRule(c.rules, inline_rules[i].id) != nullptr) {
      return doc.Locate(Status(ErrorCode::kDuplicateId,
                               "rule '" + inline_rules[i].id + "' is also in the rulebook",
                               {.path = ItemPath("rules", i) + ".id"}));
    }
    if (Status s = Validate(inline_rules[i], AnyChamber()); !s.ok()) {
      s.mutable_where().path = ItemPath("rules", i) + "." + s.where().path;
      return doc.Locate(s);
    }
    c.rules.push_back(std::move(inline_rules[i]));
  }
  return rulebook_rules;
}

// The motions, each valid under its rule, and each rule it uses valid in this chamber: an
// inline rule's fault is shown where the rule is written, a rulebook rule's at the motion.
Status ReadMotions(YamlDoc& doc, Reader& reader, size_t rulebook_rules, Case& c) {
  const YamlNode& root = doc.root();
  WHIPCOUNT_RETURN_IF_ERROR(reader.MotionSection(root, c.motions));
  for (size_t i = 0; i < c.motions.size(); ++i) {
    const std::string at =
        c.motions.size() == 1 && root["motion"] ? "motion" : ItemPath("motions", i);
    if (Status s = Validate(c.motions[i], c.rules); !s.ok()) {
      s.mutable_where().path = at + s.where().path.substr(std::string_view("motion").size());
      return doc.Locate(s);
    }
    const Rule* rule = FindRule(c.rules, c.motions[i].rule);
    if (Status s = Validate(*rule, c.base.chamber); !s.ok()) {
      const size_t index = static_cast<size_t>(rule - c.rules.data());
      if (index >= rulebook_rules) {
        s.mutable_where().path = ItemPath("rules", index - rulebook_rules) + "." + s.where().path;
        return doc.Locate(s);
      }
      return doc.Locate(Status(s.code(),
                               "rule '" + c.motions[i].rule + "' cannot apply here: " + s.message(),
                               {.path = at + ".rule"}));
    }
  }
  return Status::Ok();
}

// The `events:` list, then those of the `events_file:`.
Status ReadAllEvents(YamlDoc& doc, Reader& reader, const FileLoader& loader, ChamberFile& f) {
  const YamlNode& root = doc.root();
  WHIPCOUNT_RETURN_IF_ERROR(
      reader.Events(root["events"], f.content.sources, f.content.events, f.event_locations));
  std::string events_file;
  WHIPCOUNT_RETURN_IF_ERROR(doc.String(root, "events_file", "", events_file));
  if (events_file.empty()) return Status::Ok();
  const std::string path = ResolveRelative(f.path, events_file);
  Result<std::string> events_text = loader(path);
  if (!events_text.ok()) {
    return doc.Error(root["events_file"], "events_file", events_text.status().code(),
                     "cannot read the events file: " + events_text.status().message());
  }
  return ReadEventsFile(path, *events_text, f);
}

// Reads what the chamber file `text` (and its rulebook and events file) says into `f`, checking
// all but what ties the events to the rest.
Status ReadChamberDocument(std::string_view text, const FileLoader& loader, ChamberFile& f) {
  WHIPCOUNT_ASSIGN_OR_RETURN(YamlDoc doc, YamlDoc::Parse(text, f.path));
  const YamlNode& root = doc.root();
  WHIPCOUNT_RETURN_IF_ERROR(doc.ExpectMap(
      root, "",
      {"format", "chamber", "sources", "parties", "members", "blocs", "rulebook", "rules", "motion",
       "motions", "stances", "events", "events_file", "forecast"}));
  std::string format;
  WHIPCOUNT_RETURN_IF_ERROR(doc.String(root, "format", "", format));
  if (!format.empty() && format != "whipcount/1") {
    return doc.Error(root["format"], "format", ErrorCode::kInvalidValue,
                     "this version of whipcount reads format 'whipcount/1', not '" + format + "'");
  }
  // Its own copy, so that keeping it does not keep the whole document.
  f.forecast = root["forecast"].Detached();
  Case& c = f.content;
  Reader reader(doc);
  WHIPCOUNT_RETURN_IF_ERROR(reader.Sources(root["sources"], c.sources));
  WHIPCOUNT_RETURN_IF_ERROR(reader.ChamberSection(root["chamber"], c.base.chamber));
  WHIPCOUNT_RETURN_IF_ERROR(reader.Parties(root["parties"], c.base.chamber, c.sources));
  WHIPCOUNT_RETURN_IF_ERROR(reader.Members(root["members"], c.base.chamber));
  WHIPCOUNT_RETURN_IF_ERROR(reader.Blocs(root["blocs"], c.base.chamber));
  WHIPCOUNT_RETURN_IF_ERROR(doc.Locate(Validate(c.base.chamber)));
  WHIPCOUNT_ASSIGN_OR_RETURN(const size_t rulebook_rules,
                             ReadRules(doc, reader, loader, f.path, c));
  WHIPCOUNT_RETURN_IF_ERROR(ReadMotions(doc, reader, rulebook_rules, c));
  WHIPCOUNT_RETURN_IF_ERROR(reader.StancesSection(root["stances"], c.base.stances));
  WHIPCOUNT_RETURN_IF_ERROR(doc.Locate(Validate(c.base.chamber, c.base.stances)));
  return ReadAllEvents(doc, reader, loader, f);
}

}  // namespace

Status ChamberFile::Locate(Status s) const {
  Location& where = s.mutable_where();
  if (where.file.empty()) where.file = path;
  const std::string& p = where.path;
  for (size_t i = 0; i < event_locations.size(); ++i) {
    const std::string at = ItemPath("events", i);
    if (p == at || p.rfind(at + ".", 0) == 0) {
      where.file = event_locations[i].file;
      where.line = event_locations[i].line;
      where.column = event_locations[i].column;
      break;
    }
  }
  return s;
}

Result<ChamberFile> ParseChamberFile(std::string_view text, const std::string& file,
                                     const FileLoader& loader) {
  ChamberFile f;
  f.path = file;
  WHIPCOUNT_RETURN_IF_ERROR(ReadChamberDocument(text, loader, f));
  // The document is gone by now: replaying the events copies them, and the two need not meet.
  WHIPCOUNT_RETURN_IF_ERROR(f.Locate(ValidateEvents(f.content)));
  return f;
}

Result<Rulebook> ParseRulebook(std::string_view text, const std::string& file) {
  Rulebook book;
  WHIPCOUNT_RETURN_IF_ERROR(ReadRulebook(file, text, AnyChamber(), book));
  return book;
}

bool LooksLikeChamberFile(std::string_view text) {
  return text.find("whipcount/1") != std::string_view::npos;
}

bool LooksLikeRulebook(std::string_view text) {
  return text.find("whipcount/rules/1") != std::string_view::npos &&
         text.find("\nchamber:") == std::string_view::npos;
}

Result<ChamberFile> LoadChamberFile(const std::string& path) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  return ParseChamberFile(text, InputName(path), ReadFile);
}

}  // namespace whipcount::io
