// SPDX-License-Identifier: MIT
#include "screenshot.h"

#include <QApplication>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

#include "main_window.h"

namespace vigil::ui {

int runScreenshot(QApplication& app, MainWindow& window, const QString& outPath,
                  const QString& size)
{
    const QStringList parts = size.split(QLatin1Char('x'));
    bool okW = false;
    bool okH = false;
    const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
    const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
    // At most 8000x8000 (256 MB of pixels): 20000x20000 took 47 s and 6.3 GB.
    if (!okW || !okH || w < 200 || h < 150 || w > 8000 || h > 8000) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                                    "vigil::ui::Screenshot",
                                    "vigil: --size must be WxH, from 200x150 to 8000x8000, got %1")
                                    .arg(size)));
        return 2;
    }
    window.resize(w, h);
    window.show();
    int code = 0;
    auto shoot = [&] {
        // Let queued replots run before grabbing.
        QTimer::singleShot(200, &app, [&] {
            if (!window.grab().save(outPath)) {
                std::fprintf(stderr, "%s\n",
                             qPrintable(QCoreApplication::translate("vigil::ui::Screenshot",
                                                                    "vigil: cannot write %1")
                                            .arg(outPath)));
                code = 1;
            }
            QApplication::quit();
        });
    };
    if (window.isIdle()) {
        shoot();
    } else {
        QObject::connect(&window, &MainWindow::idle, &app, shoot, Qt::SingleShotConnection);
    }
    QApplication::exec();
    return code;
}

} // namespace vigil::ui
