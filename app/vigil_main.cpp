// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "main_window.h"
#include "screenshot.h"

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Vigil"));
    QApplication::setOrganizationName(QStringLiteral("Vigil"));
    QApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Label and detect anomalies in time series."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the main window to OUT.png and exit."),
                                        QStringLiteral("OUT.png"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size for --screenshot (default 1400x860)."),
                                  QStringLiteral("WxH"), QStringLiteral("1400x860"));
    parser.addOption(screenshot);
    parser.addOption(size);
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .vigil project."),
                                 QStringLiteral("[PROJECT.vigil]"));
    parser.process(app);

    vigil::ui::MainWindow window;
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && !window.openProject(args.first()) && parser.isSet(screenshot)) {
        return 1;
    }
    if (parser.isSet(screenshot)) {
        return vigil::ui::runScreenshot(app, window, parser.value(screenshot), parser.value(size));
    }
    window.resize(1400, 860);
    window.show();
    return QApplication::exec();
}
