// SPDX-License-Identifier: MIT
#include "docks/detections_dock.h"
#include "docks/explanation_dock.h"
#include "docks/queue_dock.h"
#include "docks/suggestions_dock.h"
#include "docks/training_dock.h"
#include "i18n.h"
#include "launch_arguments.h"
#include "main_window.h"
#include "recent_projects.h"
#include "screenshot.h"
#include "vigil/omp_policy.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QtGlobal>

#include <cstdio>
#include <string_view>

int main(int argc, char** argv)
{
    vigil::core::restartWithPassiveOmp(argv); // torch trains beside the event loop
    // Without a display (a server, ssh) QApplication would abort for want of a platform
    // plugin. Offscreen instead: --help, --version, argument errors and --screenshot work, and
    // the window itself says why it cannot open (below).
    bool platformGiven = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        platformGiven = platformGiven || arg == "-platform" || arg == "--platform";
    }
#if defined(Q_OS_LINUX)
    const bool noDisplay = !platformGiven && qEnvironmentVariableIsEmpty("DISPLAY") &&
                           qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    const bool noDisplay = false; // macOS and Windows always have their own platform
#endif
    if (noDisplay) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Vigil"));
    QApplication::setOrganizationName(QStringLiteral("Vigil"));
    QApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    // Before the parser, so --help is in the chosen language too.
    namespace i18n = vigil::ui::i18n;
    const QString lang = i18n::languageFromArguments(QApplication::arguments());
    if (!lang.isEmpty() && !i18n::isKnownLanguage(lang)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QApplication::translate(
                                    "main", "vigil: unknown language \"%1\" (use en, de or system)")
                                    .arg(lang)));
        return 2;
    }
    i18n::installTranslators(lang); // empty: the ui/language setting, else the system's

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Label and detect anomalies in time series."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the main window to OUT.png and exit."),
        QApplication::translate("main", "OUT.png"));
    const QCommandLineOption size(
        QStringLiteral("size"),
        QApplication::translate("main", "Window size for --screenshot (default 1400x860)."),
        QApplication::translate("main", "WxH"), QStringLiteral("1400x860"));
    const QCommandLineOption dock(
        QStringLiteral("dock"),
        QApplication::translate("main", "Dock tab to show in front for --screenshot: queue, "
                                        "detections, suggestions, explanation or training."),
        QApplication::translate("main", "NAME"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QApplication::translate("main", "User interface language: en, de or system (default: "
                                        "the setting, else the system's)."),
        QApplication::translate("main", "LANG"));
    parser.addOption(screenshot);
    parser.addOption(size);
    parser.addOption(dock);
    parser.addOption(langOption);
    parser.addPositionalArgument(
        QStringLiteral("paths"),
        QCoreApplication::translate(
            "main", "A .vigil project to open, and/or data files or folders to import. Data "
                    "without a project goes into a new project beside the first data path "
                    "(data.csv gives data.vigil, or data-2.vigil … when that exists; nothing is "
                    "overwritten). The import wizard opens on the data, showing the detected "
                    "format and the first rows; the project is written only when you press "
                    "Import."),
        QStringLiteral("[PROJECT.vigil] [DATA…]"));
    // parse(), not process(): an unknown option is bad usage (exit 2, as every other one).
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "vigil: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
    }
    if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
    }

    const vigil::ui::LaunchRequest request =
        vigil::ui::parseLaunchArguments(parser.positionalArguments());
    if (!request.error.isEmpty()) {
        std::fprintf(stderr, "vigil: %s\n", qPrintable(request.error));
        return 2;
    }
    if (noDisplay && !parser.isSet(screenshot)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QApplication::translate(
                         "main", "vigil: no display to open the window on (DISPLAY and "
                                 "WAYLAND_DISPLAY are not set). Run it in a desktop session, "
                                 "under xvfb-run, or use vigil-cli, which needs none.")));
        return 1;
    }
    vigil::ui::MainWindow window;
    if (parser.isSet(screenshot)) {
        window.trainingDock()->setTrainOnOpen(false); // a look at the project, nothing more
    }
    QString openFailure; // why the project given could not be opened
    if (!request.project.isEmpty() && !request.createProject) {
        if (window.openProject(request.project)) {
            if (!parser.isSet(screenshot)) {
                vigil::ui::addRecentProject(request.project);
            }
        } else {
            // Said on the terminal too: a screenshot's exit code 1 came with no reason.
            openFailure = window.statusBar()->currentMessage();
            std::fprintf(stderr, "vigil: %s\n", qPrintable(openFailure));
            if (parser.isSet(screenshot)) {
                return 1;
            }
        }
    }
    if (parser.isSet(screenshot)) {
        if (!request.data.isEmpty()) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(QApplication::translate(
                                        "main", "vigil: note: --screenshot imports nothing; "
                                                "ignored: %1")
                                        .arg(request.data.join(QStringLiteral(", ")))));
        }
        if (parser.isSet(dock)) {
            const QString name = parser.value(dock);
            const std::pair<const char*, QDockWidget*> docks[] = {
                {"queue", window.queueDock()},
                {"detections", window.detectionsDock()},
                {"suggestions", window.suggestionsDock()},
                {"explanation", window.explanationDock()},
                {"training", window.trainingDock()}};
            QDockWidget* chosen = nullptr;
            for (const auto& [key, widget] : docks) {
                chosen = name == QLatin1String(key) ? widget : chosen;
            }
            if (chosen == nullptr) {
                std::fprintf(stderr, "%s\n",
                             qPrintable(QApplication::translate(
                                            "main", "vigil: --dock must be queue, detections, "
                                                    "suggestions, explanation or training, not %1")
                                            .arg(name)));
                return 2;
            }
            chosen->raise();
        }
        return vigil::ui::runScreenshot(app, window, parser.value(screenshot), parser.value(size));
    }
    window.resize(1400, 860);
    window.show();
    if (!openFailure.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, openFailure] {
            QMessageBox::warning(&window,
                                 QApplication::translate("vigil::ui::MainWindow", "Open project"),
                                 openFailure);
        });
    }
    if (!request.data.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, request] {
            window.importData(request.data, request.createProject ? request.project : QString());
        });
    }
    return QApplication::exec();
}
