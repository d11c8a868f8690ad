// SPDX-License-Identifier: MIT
#include "launch_arguments.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace vigil::ui {

QString newProjectPathFor(const QString& dataPath)
{
    const QFileInfo data(QDir::cleanPath(QDir(QDir::currentPath()).absoluteFilePath(dataPath)));
    QString stem = data.isDir() ? data.fileName() : data.completeBaseName();
    if (stem.isEmpty()) {
        stem = QStringLiteral("project"); // "/" or a file named ".csv"
    }
    const QDir dir = data.absoluteDir();
    QString candidate = dir.filePath(stem + QStringLiteral(".vigil"));
    for (int n = 2; QFileInfo::exists(candidate) || QFileInfo(candidate).isSymLink(); ++n) {
        candidate = dir.filePath(QStringLiteral("%1-%2.vigil").arg(stem).arg(n));
    }
    return candidate;
}

bool isProjectPath(const QString& path)
{
    return path.endsWith(QStringLiteral(".vigil"), Qt::CaseInsensitive);
}

LaunchRequest parseLaunchArguments(const QStringList& args)
{
    LaunchRequest request;
    for (const QString& arg : args) {
        if (!isProjectPath(arg)) {
            request.data << arg;
        } else if (request.project.isEmpty()) {
            request.project = arg;
        } else {
            request.error =
                QCoreApplication::translate("vigil::ui::LaunchArguments",
                                            "Give at most one project (%1 and %2 were given).")
                    .arg(request.project, arg);
            return request;
        }
    }
    if (request.data.isEmpty()) {
        return request;
    }
    if (request.project.isEmpty()) {
        request.project = newProjectPathFor(request.data.first());
        request.createProject = true;
    } else {
        request.createProject = !QFileInfo::exists(request.project); // named, still to create
    }
    return request;
}

} // namespace vigil::ui
