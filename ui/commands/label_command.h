// SPDX-License-Identifier: MIT
// Undoable label edits. The project's label log is the source of truth: the first redo() makes
// the edit through the core (one SQLite transaction, logged), later undo()/redo() replay the log
// with Project::undo()/redo(). The QUndoStack mirrors the log (a reopened project's newest
// steps come back as LoggedStepCommands), so every label edit of the GUI must go through these
// commands, in this order.
//
// Thread rules: GUI thread only, with the GUI thread's own Project connection.
#pragma once

#include "vigil/label.h"
#include "vigil/project.h"
#include "vigil/result.h"

#include <QCoreApplication>
#include <QString>
#include <QUndoCommand>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vigil::core {
class Project;
}

namespace vigil::ui {

/// What a label command tells its owner.
struct LabelCommandHooks
{
    /// The labels of this series changed on disk (after an edit, undo or redo).
    std::function<void(std::int64_t seriesId)> changed;
    /// An edit, undo or redo failed; the labels are as they were. The text is for the user.
    std::function<void(const QString& message)> failed;
    /// A query's status changed on disk (an answer from the queue, its undo or redo).
    std::function<void(std::int64_t queryId, core::QueryStatus status)> queryStatusChanged;
    /// Like `changed`, for a step Vigil took by itself (the suggestions' update after a
    /// retrain): the window follows, but it is not the analyst's edit, so it does not count
    /// toward the next automatic retrain. An ApplyDiffCommand made with core::EditBy::Vigil
    /// calls this instead (and logs the step as Vigil's, so a reopened project does not count
    /// it either).
    std::function<void(std::int64_t seriesId)> changedAutomatically;
};

/// Base of the label edits: performs the edit once, then replays the project's log.
class LabelCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(vigil::ui::LabelCommand)

public:
    LabelCommand(core::Project& project, std::int64_t seriesId, LabelCommandHooks hooks,
                 const QString& text);
    /// An edit of several series at once (a propagation, a bulk accept): one undo step.
    LabelCommand(core::Project& project, std::vector<std::int64_t> seriesIds,
                 LabelCommandHooks hooks, const QString& text);

    void redo() override;
    void undo() override;

    /// The (first) series edited.
    std::int64_t seriesId() const { return m_seriesIds.empty() ? 0 : m_seriesIds.front(); }
    /// Every series the edit touches; `changed` is reported for each.
    const std::vector<std::int64_t>& seriesIds() const { return m_seriesIds; }
    /// True when the first redo() changed nothing or failed (the stack then drops the command).
    bool isNoop() const { return isObsolete(); }

protected:
    /// Makes the edit (first redo only).
    virtual core::Result<core::LabelDiff> perform(core::Project& project) = 0;
    /// The edit is already in the log (made before this session): perform() is never called,
    /// and the next `skip` calls of undo() or redo() only move the stack (QUndoStack::push
    /// calls redo(), and QUndoStack::setIndex undo() on a step that was undone before).
    void markLogged(std::int64_t logId, int skip)
    {
        m_performed = true;
        m_logId = logId;
        m_skip = skip;
    }
    /// After a later undo() or redo() has replayed the label log (nothing by default).
    virtual void replayed(core::Project& /*project*/, bool /*undone*/) {}
    const LabelCommandHooks& hooks() const { return m_hooks; }

private:
    void notifyChanged() const;

    core::Project& m_project;
    std::vector<std::int64_t> m_seriesIds;
    LabelCommandHooks m_hooks;
    bool m_performed = false;
    std::int64_t m_logId = 0; ///< its entry in the label log: undo and redo take only that one
    int m_skip = 0;
};

/// Paints a label over a range (overlapping parts of other labels are cut away).
class AssignLabelCommand : public LabelCommand
{
public:
    AssignLabelCommand(core::Project& project, core::Label label, LabelCommandHooks hooks);

protected:
    core::Result<core::LabelDiff> perform(core::Project& project) override;
    const core::Label& label() const { return m_label; }

private:
    core::Label m_label;
};

/// Answers a query of the queue: its window's label and the query's status "labelled" are one
/// undo step, so undo gives the query back the status it had before the answer. The status is
/// written only after the label was; an answer that changes no label still marks the query
/// (and leaves nothing to undo).
class AnswerQueryCommand final : public AssignLabelCommand
{
public:
    AnswerQueryCommand(core::Project& project, core::Label label, std::int64_t queryId,
                       core::QueryStatus before, LabelCommandHooks hooks);

protected:
    core::Result<core::LabelDiff> perform(core::Project& project) override;
    void replayed(core::Project& project, bool undone) override;

private:
    void setStatus(core::Project& project, core::QueryStatus status);

    std::int64_t m_queryId = 0; ///< the id the queue showed (what its hooks are told)
    /// The stored query answered: m_queryId, unless the queue was recomputed meanwhile (a
    /// retrain's refresh stores new ids), then the query of the same window, or 0 when the
    /// new queue does not ask it.
    std::int64_t m_storedId = 0;
    core::QueryStatus m_before = core::QueryStatus::New;
};

/// Erases every label of a range (all channels, or one).
class EraseLabelsCommand final : public LabelCommand
{
public:
    EraseLabelsCommand(core::Project& project, std::int64_t seriesId, std::int64_t begin,
                       std::int64_t end, int channel, LabelCommandHooks hooks);

protected:
    core::Result<core::LabelDiff> perform(core::Project& project) override;

private:
    std::int64_t m_begin = 0;
    std::int64_t m_end = 0;
    int m_channel = core::kAllChannels;
};

/// Writes a prepared diff made off the GUI thread (a propagation plan, see
/// core::planPropagation) as one step; it fails, changing nothing, when the labels changed since
/// the diff was made.
class ApplyDiffCommand final : public LabelCommand
{
public:
    /// `description` goes to the project's label log; `text` is the undo action's. A step
    /// Vigil takes by itself is logged as core::EditBy::Vigil.
    ApplyDiffCommand(core::Project& project, core::LabelDiff diff, std::string description,
                     const QString& text, LabelCommandHooks hooks,
                     core::EditBy by = core::EditBy::Analyst);

protected:
    core::Result<core::LabelDiff> perform(core::Project& project) override;

private:
    core::LabelDiff m_diff;
    std::string m_description;
    core::EditBy m_by;
};

/// Accepts suggestions (they become human labels of the same class and range) or rejects them
/// (they are removed), any number across series as one step (core::acceptSuggestions,
/// core::rejectSuggestions).
class DecideSuggestionsCommand final : public LabelCommand
{
public:
    enum class Verdict { Accept, Reject };

    DecideSuggestionsCommand(core::Project& project, std::vector<core::Label> suggestions,
                             Verdict verdict, LabelCommandHooks hooks);

    Verdict verdict() const { return m_verdict; }

protected:
    core::Result<core::LabelDiff> perform(core::Project& project) override;

private:
    std::vector<core::Label> m_suggestions;
    Verdict m_verdict = Verdict::Accept;
};

/// A step of the label log made before this session, so a reopened project's Undo and Redo
/// go on where they were (its undo() and redo() replay the log like every other command's).
/// MainWindow pushes one per core::Project::undoHistory() step when a project opens.
class LoggedStepCommand final : public LabelCommand
{
public:
    /// `undone`: a step on the redo side (it was undone before the project opened); push it,
    /// then move the stack's index below it.
    LoggedStepCommand(core::Project& project, const core::LogStep& step, bool undone,
                      LabelCommandHooks hooks);

protected:
    core::Result<core::LabelDiff> perform(core::Project& project) override;
    /// A queue answer's query follows its label, as AnswerQueryCommand's does: undone, a
    /// "labelled" query whose whole window the step newly labelled is open again (viewed);
    /// redone, labelled again. The log does not hold the query, so its window decides.
    void replayed(core::Project& project, bool undone) override;

private:
    struct Run
    {
        std::int64_t seriesId = 0;
        std::int64_t begin = 0;
        std::int64_t end = 0;
    };
    std::vector<Run> m_answered; ///< the rows the step newly labelled (merges and cuts aside)
};

} // namespace vigil::ui
