// A chamber file being made by an importer (ParlGov, a spreadsheet, the template of `new`):
// its document, the comments a person reads above it, and the motion it counts.
#ifndef WHIPCOUNT_IO_CHAMBER_DRAFT_H_
#define WHIPCOUNT_IO_CHAMBER_DRAFT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whipcount::io {

// The rule an imported file's motion uses: a shipped rulebook's rule, the motion's kind and
// title, and the chamber's name (data/parlgov/rulebooks.csv gives one per country).
struct MotionChoice {
  std::string rulebook;      // a shipped rulebook's name
  std::string rule;          // the id of the rule the motion uses
  std::string kind;          // confidence | no-confidence | other
  std::string title;         // the motion's title
  std::string chamber;       // the chamber's name
  bool chair_casts = false;  // the rule breaks a tie by the chair's casting vote
};

// NOLINTNEXTLINE(bugprone-exception-escape): a json's move only asserts its invariants.
struct ChamberDraft {
  nlohmann::ordered_json document;  // a chamber file (format whipcount/1)
  std::vector<std::string> header;  // the comment lines to put above it
  // A trailing comment per party (its own name when the file gives the English one).
  std::vector<std::string> party_comments;

  // The file as YAML for a person to edit (JsonToEditableYaml).
  std::string Yaml() const;
};

// An id made of a name: ASCII letters, digits, '_' and '.' kept, any run of other bytes one
// hyphen, none at either end ("Die Linke" -> "Die-Linke", "B90/Gru" -> "B90-Gru"); empty when
// nothing is left.
std::string IdOf(std::string_view text);

// Sets the document's rulebook and motion from `choice`, or, without one, an inline rule (a
// majority of the votes cast) marked as a placeholder and a no-confidence motion under it. A
// rule with a casting vote gets a presiding officer with one, taken from the largest party of
// the government's bloc (else the largest party), as the header then says. Call it once the
// parties and blocs are in. Returns the motion's kind.
std::string AddMotion(ChamberDraft& draft, const std::optional<MotionChoice>& choice);

// Stances by bloc for a motion of `kind`: on a confidence motion the government's bloc votes for
// and the others against; on a no-confidence motion the reverse. Nothing without blocs.
void AddBlocStances(nlohmann::ordered_json& document, const std::string& kind);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CHAMBER_DRAFT_H_
