// SPDX-License-Identifier: MIT
// Core's English sentences (query reasons, the queue's notes, the stopping signal) in the user's
// language. Core has no Qt and writes English; its sentences are the patterns of
// vigil/phrases.h, which lupdate reads, so vigil_de.ts holds their German texts.
#pragma once

#include <QString>

#include <string>

namespace vigil::ui {

/// `english` with every pattern of vigil/phrases.h found in it replaced by its translation in
/// the installed language, the pattern's arguments carried over (decimal numbers in the default
/// QLocale: "6.8" reads "6,8" in German). Text that no pattern covers stays as it is, so an
/// error message or a reason from another version still shows. GUI thread only.
QString coreText(const std::string& english);
/// The same for a message already in a QString (one a worker passed on).
QString coreText(const QString& english);

} // namespace vigil::ui
