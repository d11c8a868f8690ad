// SPDX-License-Identifier: MIT
#include "recent_projects.h"

#include <QFileInfo>
#include <QSettings>

namespace vigil::ui {
namespace {

QString recentKey()
{
    return QStringLiteral("files/recent");
}

} // namespace

QStringList recentProjects()
{
    QStringList out;
    const QStringList stored = QSettings().value(recentKey()).toStringList();
    for (const QString& path : stored) {
        if (QFileInfo::exists(path) && !out.contains(path)) {
            out << path;
        }
    }
    return out;
}

void addRecentProject(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = QSettings().value(recentKey()).toStringList();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecentProjects) {
        list.removeLast();
    }
    QSettings().setValue(recentKey(), list);
}

void clearRecentProjects()
{
    QSettings().remove(recentKey());
}

} // namespace vigil::ui
