// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "roster/model.hpp"
#include "roster/plan.hpp"

namespace duty::roster {

/// The three day sets fairness is measured on, in priority order.
enum class Measure { kAll = 0, kHoliday = 1, kWeekend = 2 };
inline constexpr int kMeasures = 3;

/// "all", "holiday", "weekend".
std::string_view to_string(Measure m);

/// True when a day of this type belongs to the measure's day set.
bool counts_for(Measure m, DayType t);

/// What the rules allow one member of a group on one measure, and the fair target.
struct MemberBound {
  int person = 0;
  double share = 0;    ///< fair share: places x (w_p a_p) / sum(w_q a_q)
  int available = 0;   ///< a_p: days of the set the person is available
  int lo = 0;          ///< pinned duties: a count can never be lower
  int hi = 0;          ///< availability, rest and max_duties: a count can never be higher
  int target_lo = 0;   ///< counts in [target_lo, target_hi] reach the optimum deviation
  int target_hi = 0;
};

/// The best deviation any roster obeying the rules can reach for one group and measure.
struct GroupBound {
  int places = 0;
  double optimum = 0;      ///< lower bound on the deviation; infinity when the places cannot be filled
  std::vector<MemberBound> members;
};

/// Bounds for every group (model order) and measure.
using Bounds = std::vector<std::array<GroupBound, kMeasures>>;

/// Computes fair shares and, from them, the least deviation reachable for each group and measure:
/// counts are whole numbers between each member's pinned duties and what availability, rest and
/// max_duties allow (each person's own cap, Model::cap_of), and they must add up to the places (those
/// the solver fills, Model::places_of). Reaching all three optima at once proves a
/// roster optimal.
///
/// With prior duties (add_prior_duties), fairness is measured over the whole window: the window's
/// places are the period's plus the members' prior duties, a member's availability is the period's
/// plus every prior day of the set, and `share` is the window share minus the member's prior count,
/// so |count - share| is the deviation over the window. Without prior duties the numbers are
/// exactly those of the period alone.
Bounds compute_bounds(const Model& model);

/// Counts the duties of `shifts` (published before the model's period, inside its fairness window)
/// into model.prior: per member of a slot's group and measure. Dates inside the period, unknown
/// slots and people outside the slot's group are ignored.
void add_prior_duties(Model& model, const std::vector<Shift>& shifts);

/// Least max|c_p - s_p| over integer c_p in [lo_p, hi_p] summing to `total`, and per member the
/// interval of counts within it; infinity when no such counts exist.
double optimal_deviation(const std::vector<double>& shares, const std::vector<int>& lo, const std::vector<int>& hi,
                         int total, std::vector<int>& target_lo, std::vector<int>& target_hi);

/// One person's duties in a plan, measured against the fair shares.
struct PersonStats {
  std::string id;
  std::string name;
  int duties = 0;
  int holiday_duties = 0;
  int weekend_duties = 0;
  std::optional<int> longest_gap;   ///< days between consecutive duties
  std::optional<int> shortest_gap;
  /// Per group the person belongs to: counts and fair shares per measure.
  struct GroupShare {
    std::string group;
    std::array<int, kMeasures> count{};
    std::array<double, kMeasures> share{};
  };
  std::vector<GroupShare> groups;
};

struct GroupStats {
  std::string group;
  std::array<int, kMeasures> places{};
  std::array<double, kMeasures> deviation{};
  std::array<double, kMeasures> optimum{};  ///< the lower bound from compute_bounds
};

struct FairnessReport {
  std::vector<PersonStats> people;
  std::vector<GroupStats> groups;
  std::array<double, kMeasures> deviation{};  ///< summed over groups: the three numbers minimised
  std::array<double, kMeasures> optimum{};
  /// True when every measure reaches its lower bound, which proves no roster can be fairer.
  bool optimal() const;
};

/// Measures a plan (built or hand-edited) against the spec. People or slots the spec does not know
/// are ignored here; `check_plan` reports them.
FairnessReport evaluate_fairness(const Model& model, const Plan& plan);

}  // namespace duty::roster
