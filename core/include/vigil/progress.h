// SPDX-License-Identifier: MIT
// Progress reporting and cooperative cancellation for long core jobs (ARCHITECTURE.md rule 3).
//
// Thread rules: a CancelToken may be cancelled from any thread while the job reads it from its
// own thread. ProgressSink::report is called on the job's thread; the receiver marshals it.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

namespace vigil::core {

/// Where a long job reports how far it got: fraction in [0, 1] and the current phase.
struct ProgressSink
{
    std::function<void(double fraction, const std::string& phase)> report;

    /// Calls report when one is set.
    void operator()(double fraction, const std::string& phase) const
    {
        if (report) {
            report(fraction, phase);
        }
    }
};

/// A flag that a job checks between batches; set it from any thread to stop the job early.
class CancelToken
{
public:
    CancelToken() = default;
    CancelToken(const CancelToken&) = delete;
    CancelToken& operator=(const CancelToken&) = delete;

    /// Asks the job to stop at its next check.
    void requestCancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    /// True once requestCancel() was called.
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    /// Makes the token usable again for another job.
    void reset() { m_cancelled.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

/// The message of the Error a job returns when it stopped because it was cancelled.
inline constexpr std::string_view kCancelledMessage = "cancelled";

} // namespace vigil::core
