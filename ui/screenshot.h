// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QApplication;

namespace vigil::ui {

class MainWindow;

/// Shows `window` at `size` ("WxH"), waits until its work is done, saves it to `outPath` and
/// returns the process exit code (0 ok, 1 could not write, 2 bad size).
int runScreenshot(QApplication& app, MainWindow& window, const QString& outPath,
                  const QString& size);

} // namespace vigil::ui
