// SPDX-License-Identifier: MIT
// The analyst's names for label classes 1–9 (UX.md: "classes are editable"), kept in the
// project (setting "classes.names", a JSON object from class number to name). A name is for
// display only: class 1 stays the anomaly class and 2 the normal one, and exports keep their
// stable class words ("anomaly", "normal", "class3") so that they re-import unchanged.
#pragma once

#include "vigil/project.h"
#include "vigil/result.h"

#include <map>
#include <string>

namespace vigil::core {

inline constexpr int kMaxClassId = 9;                 ///< classes 1..9, one per key
inline constexpr std::size_t kMaxClassNameBytes = 40; ///< UTF-8 bytes

/// The names set by the analyst, by class number (classes without one are absent). A stored
/// value that is not such an object reads as no names.
Result<std::map<int, std::string>> classNames(const Project& project);

/// Names class `classId` (1..9); an empty name gives the class its default name back. Refuses
/// names with control characters or longer than kMaxClassNameBytes (leading and trailing
/// spaces are dropped first).
Status setClassName(Project& project, int classId, const std::string& name);

} // namespace vigil::core
