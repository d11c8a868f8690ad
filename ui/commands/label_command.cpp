// SPDX-License-Identifier: MIT
#include "commands/label_command.h"

#include "core_text.h"
#include "plot/label_style.h"
#include "vigil/active_learning.h"
#include "vigil/project.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

namespace vigil::ui {
namespace {

QString rowsText(std::int64_t begin, std::int64_t end)
{
    return end - begin == 1 ? LabelCommand::tr("row %1").arg(begin)
                            : LabelCommand::tr("rows %1–%2").arg(begin).arg(end - 1);
}

/// The distinct series of some labels, in order of first appearance.
std::vector<std::int64_t> seriesOf(const std::vector<core::Label>& a,
                                   const std::vector<core::Label>& b = {})
{
    std::vector<std::int64_t> ids;
    for (const auto* list : {&a, &b}) {
        for (const auto& l : *list) {
            if (std::find(ids.begin(), ids.end(), l.seriesId) == ids.end()) {
                ids.push_back(l.seriesId);
            }
        }
    }
    return ids;
}

/// The hooks of a step taken by `by`: Vigil's own steps report through changedAutomatically,
/// so they never count as the analyst's edit.
LabelCommandHooks forStep(LabelCommandHooks hooks, core::EditBy by)
{
    if (by == core::EditBy::Vigil && hooks.changedAutomatically) {
        hooks.changed = hooks.changedAutomatically;
    }
    return hooks;
}

} // namespace

LabelCommand::LabelCommand(core::Project& project, std::int64_t seriesId, LabelCommandHooks hooks,
                           const QString& text)
    : LabelCommand(project, std::vector<std::int64_t>{seriesId}, std::move(hooks), text)
{
}

LabelCommand::LabelCommand(core::Project& project, std::vector<std::int64_t> seriesIds,
                           LabelCommandHooks hooks, const QString& text)
    : QUndoCommand(text)
    , m_project(project)
    , m_seriesIds(std::move(seriesIds))
    , m_hooks(std::move(hooks))
{
}

void LabelCommand::notifyChanged() const
{
    if (m_hooks.changed) {
        for (std::int64_t id : m_seriesIds) {
            m_hooks.changed(id);
        }
    }
}

void LabelCommand::redo()
{
    if (m_skip > 0) {
        --m_skip;
        return;
    }
    if (!m_performed) {
        auto diff = perform(m_project);
        if (!diff) {
            // Nothing was written (the core's transaction rolled back): drop the command.
            setObsolete(true);
            if (m_hooks.failed) {
                m_hooks.failed(
                    tr("Could not save the label: %1").arg(coreText(diff.error().message)));
            }
            return;
        }
        if (diff->empty()) {
            setObsolete(true); // the core logged nothing, so there is nothing to undo either
            return;
        }
        m_performed = true;
        m_logId = m_project.lastEditId(); // the entry this connection's edit wrote
    } else {
        auto redone = m_project.redo(m_logId);
        if (!redone || !redone->has_value()) {
            setObsolete(true);
            if (m_hooks.failed) {
                m_hooks.failed(tr("Could not redo “%1”: %2")
                                   .arg(text(), !redone ? coreText(redone.error().message)
                                                        : tr("the project has nothing to redo")));
            }
            return;
        }
        replayed(m_project, false);
    }
    notifyChanged();
}

void LabelCommand::undo()
{
    if (m_skip > 0) {
        --m_skip;
        return;
    }
    auto undone = m_project.undo(m_logId);
    if (!undone || !undone->has_value()) {
        setObsolete(true);
        if (m_hooks.failed) {
            m_hooks.failed(tr("Could not undo “%1”: %2")
                               .arg(text(), !undone ? coreText(undone.error().message)
                                                    : tr("the project has nothing to undo")));
        }
        return;
    }
    replayed(m_project, true);
    notifyChanged();
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

AnswerQueryCommand::AnswerQueryCommand(core::Project& project, core::Label label,
                                       std::int64_t queryId, core::QueryStatus before,
                                       LabelCommandHooks hooks)
    : AssignLabelCommand(project, std::move(label), std::move(hooks))
    , m_queryId(queryId)
    , m_storedId(queryId)
    , m_before(before)
{
}

core::Result<core::LabelDiff> AnswerQueryCommand::perform(core::Project& project)
{
    auto diff = AssignLabelCommand::perform(project);
    if (diff) {
        setStatus(project, core::QueryStatus::Labelled);
    }
    return diff;
}

void AnswerQueryCommand::replayed(core::Project& project, bool undone)
{
    setStatus(project, undone ? m_before : core::QueryStatus::Labelled);
}

void AnswerQueryCommand::setStatus(core::Project& project, core::QueryStatus status)
{
    // A refresh that stored a new queue between the key press and the queue's reload gave
    // every open query a new id: "no query with id 1", and the answered window came back as an
    // open query. The answer goes to the open query of the same window instead, looked up
    // again whenever the one it went to is gone (undone, then dropped by the next refresh).
    if (auto stored = project.queries(label().seriesId); stored) {
        const auto same = [&](const core::QueryRecord& q) { return q.id == m_storedId; };
        if (m_storedId == 0 || std::none_of(stored->begin(), stored->end(), same)) {
            m_storedId = 0;
            for (const core::QueryRecord& q : *stored) {
                const bool open =
                    q.status == core::QueryStatus::New || q.status == core::QueryStatus::Viewed;
                if (open && q.begin == label().begin && q.end == label().end) {
                    m_storedId = q.id;
                    break;
                }
            }
        }
    }
    if (m_storedId != 0) {
        if (auto st = project.setQueryStatus(m_storedId, status); !st) {
            if (hooks().failed) {
                hooks().failed(LabelCommand::tr("Could not save the query's status: %1")
                                   .arg(coreText(st.error().message)));
            }
            return;
        }
    }
    if (hooks().queryStatusChanged) {
        // The queue may show either id: the one answered, or the stored one after a reload.
        hooks().queryStatusChanged(m_queryId, status);
        if (m_storedId != 0 && m_storedId != m_queryId) {
            hooks().queryStatusChanged(m_storedId, status);
        }
    }
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

ApplyDiffCommand::ApplyDiffCommand(core::Project& project, core::LabelDiff diff,
                                   std::string description, const QString& text,
                                   LabelCommandHooks hooks, core::EditBy by)
    : LabelCommand(project, seriesOf(diff.removed, diff.added), forStep(std::move(hooks), by), text)
    , m_diff(std::move(diff))
    , m_description(std::move(description))
    , m_by(by)
{
}

core::Result<core::LabelDiff> ApplyDiffCommand::perform(core::Project& project)
{
    return project.applyDiff(m_diff, m_description, m_by);
}

DecideSuggestionsCommand::DecideSuggestionsCommand(core::Project& project,
                                                   std::vector<core::Label> suggestions,
                                                   Verdict verdict, LabelCommandHooks hooks)
    : LabelCommand(project, seriesOf(suggestions), std::move(hooks),
                   verdict == Verdict::Accept
                       ? LabelCommand::tr("Accept %n suggestion(s)", nullptr,
                                          static_cast<int>(suggestions.size()))
                       : LabelCommand::tr("Reject %n suggestion(s)", nullptr,
                                          static_cast<int>(suggestions.size())))
    , m_suggestions(std::move(suggestions))
    , m_verdict(verdict)
{
}

core::Result<core::LabelDiff> DecideSuggestionsCommand::perform(core::Project& project)
{
    return m_verdict == Verdict::Accept ? core::acceptSuggestions(project, m_suggestions)
                                        : core::rejectSuggestions(project, m_suggestions);
}

namespace {

using Rows = std::vector<std::pair<std::int64_t, std::int64_t>>; ///< [begin, end) runs

/// The rows of `from` (one series) that `minus` does not cover, as sorted runs.
Rows subtract(const std::vector<const core::Label*>& from,
              const std::vector<const core::Label*>& minus)
{
    Rows cut;
    for (const auto* l : minus) {
        cut.emplace_back(l->begin, l->end);
    }
    std::sort(cut.begin(), cut.end());
    Rows out;
    for (const auto* l : from) {
        std::int64_t at = l->begin;
        for (const auto& [b, e] : cut) {
            if (e <= at || b >= l->end) {
                continue;
            }
            if (b > at) {
                out.emplace_back(at, b);
            }
            at = std::max(at, e);
        }
        if (at < l->end) {
            out.emplace_back(at, l->end);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The human labels of `labels` on `seriesId`, of `classId` (0: any class).
std::vector<const core::Label*> humanOf(const std::vector<core::Label>& labels,
                                        std::int64_t seriesId, int classId = 0)
{
    std::vector<const core::Label*> out;
    for (const auto& l : labels) {
        if (l.seriesId == seriesId && l.source == core::LabelSource::Human &&
            (classId == 0 || l.classId == classId)) {
            out.push_back(&l);
        }
    }
    return out;
}

/// The rows a step newly gave a human label of a class: its added human labels minus what
/// removed human labels of that class held (a merge or the pieces of a cut are not new).
/// Per series; each run with its class.
std::vector<std::tuple<std::int64_t, int, std::int64_t, std::int64_t>>
newlyLabelled(const core::LabelDiff& diff)
{
    std::vector<std::tuple<std::int64_t, int, std::int64_t, std::int64_t>> out;
    std::vector<std::pair<std::int64_t, int>> kinds;
    for (const auto& l : diff.added) {
        if (l.source == core::LabelSource::Human &&
            std::find(kinds.begin(), kinds.end(), std::pair{l.seriesId, l.classId}) ==
                kinds.end()) {
            kinds.emplace_back(l.seriesId, l.classId);
        }
    }
    for (const auto& [series, cls] : kinds) {
        for (const auto& [b, e] :
             subtract(humanOf(diff.added, series, cls), humanOf(diff.removed, series, cls))) {
            out.emplace_back(series, cls, b, e);
        }
    }
    return out;
}

/// An erase step's name ("Erase labels of rows …"), or "" when the step is not an erase: the
/// labels it added are all pieces of labels it removed (of any source: an erase across an
/// imported label leaves imported pieces, one inside a suggestion suggested pieces; such steps
/// read "erase labels in [2600, 2700)" after reopening, or "Propagate labels").
QString eraseText(const core::LogStep& step)
{
    const auto& added = step.diff.added;
    const auto& removed = step.diff.removed;
    const bool onlyPieces =
        std::all_of(added.begin(), added.end(), [&removed](const core::Label& a) {
            return std::any_of(removed.begin(), removed.end(), [&a](const core::Label& r) {
                return r.seriesId == a.seriesId && r.classId == a.classId && r.source == a.source &&
                       r.channel == a.channel && r.begin <= a.begin && a.end <= r.end;
            });
        });
    if (removed.empty() || !onlyPieces) {
        return {};
    }
    // The rows the removed labels covered and the pieces left either side do not.
    std::vector<const core::Label*> was;
    std::vector<const core::Label*> left;
    for (const auto& l : removed) {
        was.push_back(&l);
    }
    for (const auto& l : added) {
        left.push_back(&l);
    }
    const Rows erased = subtract(was, left);
    if (erased.empty()) {
        return {};
    }
    std::int64_t first = erased.front().first;
    std::int64_t last = erased.front().second;
    for (const auto& [b, e] : erased) {
        first = std::min(first, b);
        last = std::max(last, e);
    }
    return LabelCommand::tr("Erase labels of %1").arg(rowsText(first, last));
}

/// A logged step's name in the words the window gives its own steps (the log's description is
/// core's English, with end-exclusive ranges and class numbers).
QString stepText(const core::LogStep& step)
{
    const auto& added = step.diff.added;
    const auto& removed = step.diff.removed;
    auto all = [](const std::vector<core::Label>& v, core::LabelSource source) {
        return std::all_of(v.begin(), v.end(),
                           [source](const core::Label& l) { return l.source == source; });
    };
    const auto n = [](const std::vector<core::Label>& v) { return static_cast<int>(v.size()); };
    if (step.description.rfind("erase labels in ", 0) == 0) { // core's name of an erase
        if (const QString erase = eraseText(step); !erase.isEmpty()) {
            return erase;
        }
    }
    if (!added.empty() && all(added, core::LabelSource::Propagated)) {
        return step.byVigil
                   ? LabelCommand::tr("Update suggestions (%n suggestion(s))", nullptr, n(added))
                   : LabelCommand::tr("Propagate labels (%n suggestion(s))", nullptr, n(added));
    }
    const auto fresh = newlyLabelled(step.diff);
    if (!removed.empty() && all(removed, core::LabelSource::Propagated) &&
        all(added, core::LabelSource::Human)) {
        // Accepted: each removed suggestion's rows are now labelled with its class.
        const bool accepted =
            !added.empty() &&
            std::all_of(removed.begin(), removed.end(), [&fresh](const core::Label& r) {
                return std::any_of(fresh.begin(), fresh.end(), [&r](const auto& f) {
                    return std::get<0>(f) == r.seriesId && std::get<1>(f) == r.classId &&
                           std::get<2>(f) <= r.begin && r.end <= std::get<3>(f);
                });
            });
        if (accepted || added.empty()) {
            return accepted ? LabelCommand::tr("Accept %n suggestion(s)", nullptr, n(removed))
                            : LabelCommand::tr("Reject %n suggestion(s)", nullptr, n(removed));
        }
    }
    if (fresh.size() == 1 && std::get<3>(fresh.front()) > std::get<2>(fresh.front())) {
        // A label drawn: the rows it newly covers (not those of labels it merged with).
        return LabelCommand::tr("Label %1 as %2")
            .arg(rowsText(std::get<2>(fresh.front()), std::get<3>(fresh.front())),
                 LabelStyle::className(std::get<1>(fresh.front())));
    }
    if (const QString erase = eraseText(step); !erase.isEmpty()) {
        return erase;
    }
    return QString::fromStdString(step.description);
}

} // namespace

LoggedStepCommand::LoggedStepCommand(core::Project& project, const core::LogStep& step, bool undone,
                                     LabelCommandHooks hooks)
    : LabelCommand(
          project, seriesOf(step.diff.removed, step.diff.added),
          forStep(std::move(hooks), step.byVigil ? core::EditBy::Vigil : core::EditBy::Analyst),
          stepText(step))
{
    markLogged(step.id, undone ? 2 : 1);
    for (const auto& [series, cls, b, e] : newlyLabelled(step.diff)) {
        (void)cls;
        m_answered.push_back({series, b, e});
    }
}

void LoggedStepCommand::replayed(core::Project& project, bool undone)
{
    // Only queries whose whole window this step newly labelled: their answer is this step.
    const core::QueryStatus from = undone ? core::QueryStatus::Labelled : core::QueryStatus::Viewed;
    const core::QueryStatus to = undone ? core::QueryStatus::Viewed : core::QueryStatus::Labelled;
    for (std::int64_t id : seriesIds()) {
        auto queries = project.queries(id, from);
        if (!queries) {
            continue; // the labels are right; a query's status is a convenience
        }
        for (const auto& q : *queries) {
            const bool answered =
                std::any_of(m_answered.begin(), m_answered.end(), [&q](const Run& r) {
                    return r.seriesId == q.seriesId && r.begin <= q.begin && q.end <= r.end;
                });
            if (answered && project.setQueryStatus(q.id, to) && hooks().queryStatusChanged) {
                hooks().queryStatusChanged(q.id, to);
            }
        }
    }
}

core::Result<core::LabelDiff> LoggedStepCommand::perform(core::Project& /*project*/)
{
    return core::LabelDiff{}; // never called: markLogged() says the step is in the log
}

} // namespace vigil::ui
