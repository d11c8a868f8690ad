// SPDX-License-Identifier: MIT
#include "commands/label_command.h"

#include "plot/label_style.h"
#include "vigil/project.h"

namespace vigil::ui {
namespace {

QString rowsText(std::int64_t begin, std::int64_t end)
{
    return end - begin == 1 ? LabelCommand::tr("row %1").arg(begin)
                            : LabelCommand::tr("rows %1–%2").arg(begin).arg(end - 1);
}

} // namespace

LabelCommand::LabelCommand(core::Project& project, std::int64_t seriesId,
                           LabelCommandHooks hooks, const QString& text)
    : QUndoCommand(text)
    , m_project(project)
    , m_seriesId(seriesId)
    , m_hooks(std::move(hooks))
{
}

void LabelCommand::redo()
{
    if (!m_performed) {
        auto diff = perform(m_project);
        if (!diff) {
            // Nothing was written (the core's transaction rolled back): drop the command.
            setObsolete(true);
            if (m_hooks.failed) {
                m_hooks.failed(tr("Could not save the label: %1")
                                   .arg(QString::fromStdString(diff.error().message)));
            }
            return;
        }
        if (diff->empty()) {
            setObsolete(true); // the core logged nothing, so there is nothing to undo either
            return;
        }
        m_performed = true;
    } else {
        auto redone = m_project.redo();
        if (!redone || !redone->has_value()) {
            setObsolete(true);
            if (m_hooks.failed) {
                m_hooks.failed(
                    tr("Could not redo “%1”: %2")
                        .arg(text(), !redone ? QString::fromStdString(redone.error().message)
                                             : tr("the project has nothing to redo")));
            }
            return;
        }
    }
    if (m_hooks.changed) {
        m_hooks.changed(m_seriesId);
    }
}

void LabelCommand::undo()
{
    auto undone = m_project.undo();
    if (!undone || !undone->has_value()) {
        setObsolete(true);
        if (m_hooks.failed) {
            m_hooks.failed(tr("Could not undo “%1”: %2")
                               .arg(text(), !undone
                                                ? QString::fromStdString(undone.error().message)
                                                : tr("the project has nothing to undo")));
        }
        return;
    }
    if (m_hooks.changed) {
        m_hooks.changed(m_seriesId);
    }
}

AssignLabelCommand::AssignLabelCommand(core::Project& project, core::Label label,
                                       LabelCommandHooks hooks)
    : LabelCommand(project, label.seriesId, std::move(hooks),
                   LabelCommand::tr("Label %1 as %2")
                       .arg(rowsText(label.begin, label.end), LabelStyle::className(label.classId)))
    , m_label(std::move(label))
{
}

core::Result<core::LabelDiff> AssignLabelCommand::perform(core::Project& project)
{
    return project.assignLabel(m_label); // the core writes the log's (English) description
}

EraseLabelsCommand::EraseLabelsCommand(core::Project& project, std::int64_t seriesId,
                                       std::int64_t begin, std::int64_t end, int channel,
                                       LabelCommandHooks hooks)
    : LabelCommand(project, seriesId, std::move(hooks),
                   LabelCommand::tr("Erase labels of %1").arg(rowsText(begin, end)))
    , m_begin(begin)
    , m_end(end)
    , m_channel(channel)
{
}

core::Result<core::LabelDiff> EraseLabelsCommand::perform(core::Project& project)
{
    return project.eraseLabels(seriesId(), m_begin, m_end, m_channel);
}

} // namespace vigil::ui
