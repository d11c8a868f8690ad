// SPDX-License-Identifier: MIT
// The File menu's recent projects, kept in QSettings under "files/recent" (newest first).
#pragma once

#include <QStringList>

namespace vigil::ui {

/// Recent project paths, newest first, only those that still exist.
QStringList recentProjects();
/// Moves (or adds) `path` to the front of the list; keeps at most kMaxRecentProjects.
void addRecentProject(const QString& path);
void clearRecentProjects();

inline constexpr int kMaxRecentProjects = 8;

} // namespace vigil::ui
