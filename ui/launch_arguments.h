// SPDX-License-Identifier: MIT
// What `vigil [PROJECT.vigil] [DATA…]` asks for, decided without a window so tests can check it.
#pragma once

#include <QString>
#include <QStringList>

namespace vigil::ui {

/// A file name for a new project beside the data: `<dir>/<stem>.vigil` of `dataPath` (a folder
/// gives `<parent>/<folder>.vigil`), or `<stem>-2.vigil`, `-3` … when that name is taken.
/// Never the name of an existing file.
QString newProjectPathFor(const QString& dataPath);

/// True when `path` names a Vigil project (ends in .vigil, any case).
bool isProjectPath(const QString& path);

/// What the command line asks for.
struct LaunchRequest
{
    QString project;            ///< the project to open, or to create (createProject)
    bool createProject = false; ///< project is new: the import of `data` creates it
    QStringList data;           ///< data files and folders to import
    QString error;              ///< bad usage, for stderr
};

/// Splits the positional arguments: one argument ending in .vigil is the project; everything
/// else is data to import, into that project or, without one, into a new project beside the
/// first data path (newProjectPathFor). A named project that does not exist yet is created by
/// the import of the data.
LaunchRequest parseLaunchArguments(const QStringList& args);

} // namespace vigil::ui
