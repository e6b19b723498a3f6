// The CSV forms of a count (`whipcount tally --csv`, `whipcount explain --csv`), RFC 4180 through
// CsvRow. Column names are the JSON form's field names (io/json_out.h), so a column means the
// same in both.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_TALLY_CSV_H_
#define WHIPCOUNT_IO_TALLY_CSV_H_

#include <string>
#include <string_view>

#include "whipcount/tally.h"

namespace whipcount::io {

// The header of the rows below:
// date,bloc,party,line,seats,for,against,abstain,present,absent,undecided,discounted,chair,
// uncounted,what_if
std::string TallyRowsCsvHeader();
// One row per party in each bloc, in the order the tally lists them: the part of a party that
// sits in the bloc (a party split across blocs has a row in each), with its seats and how they
// stand. The rows add up to the total; `bloc` is empty for parties in no bloc. `what_if` holds the
// what-ifs the count assumes ("party:MQM-P=for"), empty for the stances as declared.
std::string TallyRowsToCsv(const Tally& tally, std::string_view what_if);

// The header of the figures below: date,status,required,required_by,for,against,abstain,present,
// absent,undecided,discounted,chair,uncounted,margin,verdict,verdict_on_paper,quorum_required,
// quorum_present,quorum_met,flip_members,what_if
std::string TallyFiguresCsvHeader();
// One row: the count's figures as the explanation gives them. Empty fields for what does not
// apply (no quorum, no number of votes required, no flip); `what_if` as above.
std::string TallyFiguresToCsv(const Tally& tally, std::string_view what_if);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_TALLY_CSV_H_
