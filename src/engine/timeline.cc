#include "whipcount/timeline.h"

#include <algorithm>

namespace whipcount {
namespace {

Status EventError(ErrorCode code, const Event& e, const std::string& what) {
  return {code, "event of " + e.date.ToString() + " (" + std::string(EventKindName(e.kind)) +
                    "): " + what};
}

void RemoveFromBlocs(std::vector<Bloc>& blocs, std::string_view id, bool is_party) {
  for (Bloc& b : blocs) {
    auto& list = is_party ? b.parties : b.members;
    list.erase(std::remove(list.begin(), list.end(), id), list.end());
  }
}

Status CheckActor(const Event& e, const Chamber& chamber, bool bloc_allowed) {
  const int named = (e.party.empty() ? 0 : 1) + (e.member.empty() ? 0 : 1) +
                    (bloc_allowed && !e.bloc.empty() ? 1 : 0);
  if (named != 1) {
    return EventError(ErrorCode::kInvalidEvent, e,
                      bloc_allowed ? "name exactly one of bloc, party or member"
                                   : "name exactly one of party or member");
  }
  if (!e.party.empty() && chamber.FindParty(e.party) == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "party '" + e.party + "' is not defined");
  }
  if (!e.member.empty() && chamber.FindMember(e.member) == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "member '" + e.member + "' is not defined");
  }
  return Status::Ok();
}

}  // namespace

std::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kStance:
      return "stance";
    case EventKind::kJoinBloc:
      return "join-bloc";
    case EventKind::kLeaveBloc:
      return "leave-bloc";
    case EventKind::kNote:
      return "note";
  }
  return "note";
}

std::optional<EventKind> ParseEventKind(std::string_view text) {
  for (EventKind k :
       {EventKind::kStance, EventKind::kJoinBloc, EventKind::kLeaveBloc, EventKind::kNote}) {
    if (text == EventKindName(k)) return k;
  }
  return std::nullopt;
}

Status Apply(const Event& e, State& state) {
  Chamber& chamber = state.chamber;
  switch (e.kind) {
    case EventKind::kNote:
      return Status::Ok();
    case EventKind::kStance: {
      if (Status s = CheckActor(e, chamber, /*bloc_allowed=*/true); !s.ok()) return s;
      if (!e.bloc.empty()) {
        if (chamber.FindBloc(e.bloc) == nullptr) {
          return EventError(ErrorCode::kUnknownId, e, "bloc '" + e.bloc + "' is not defined");
        }
        state.stances.blocs[e.bloc] = e.stance;
      } else if (!e.party.empty()) {
        state.stances.parties[e.party] = e.stance;
      } else {
        state.stances.members[e.member] = e.stance;
      }
      return Status::Ok();
    }
    case EventKind::kJoinBloc:
    case EventKind::kLeaveBloc: {
      const bool joining = e.kind == EventKind::kJoinBloc;
      Event actor = e;
      if (joining) actor.bloc.clear();  // for join-bloc, `bloc` is the destination
      if (Status s = CheckActor(actor, chamber, /*bloc_allowed=*/false); !s.ok()) return s;
      const bool is_party = !e.party.empty();
      const std::string& id = is_party ? e.party : e.member;
      if (!joining) {
        const Bloc* current = is_party ? chamber.BlocOfParty(id) : chamber.BlocOfMember(id);
        if (current == nullptr) {
          return EventError(ErrorCode::kInvalidEvent, e, "'" + id + "' is in no bloc to leave");
        }
      }
      Bloc* target = nullptr;
      if (joining) {
        auto it = std::find_if(chamber.blocs.begin(), chamber.blocs.end(),
                               [&](const Bloc& b) { return b.id == e.bloc; });
        if (it == chamber.blocs.end()) {
          return EventError(ErrorCode::kUnknownId, e, "bloc '" + e.bloc + "' is not defined");
        }
        target = &*it;
      }
      RemoveFromBlocs(chamber.blocs, id, is_party);
      if (target != nullptr) (is_party ? target->parties : target->members).push_back(id);
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Result<State> Replay(const State& base, std::span<const Event> events, std::optional<Date> until) {
  State state = base;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const std::string at = "events[" + std::to_string(i) + "]";
    if (i > 0 && e.date < events[i - 1].date) {
      return Status(ErrorCode::kInvalidEvent,
                    "event of " + e.date.ToString() + " comes after one of " +
                        events[i - 1].date.ToString() + "; list events in date order",
                    {.path = at + ".date"});
    }
    if (until && *until < e.date) break;
    if (Status s = Apply(e, state); !s.ok()) {
      s.mutable_where().path = at;
      return s;
    }
  }
  return state;
}

}  // namespace whipcount
