// SPDX-License-Identifier: MIT
#include "vigil/project_training.h"

#include "vigil/decision.h"
#include "vigil/metrics.h"
#include "vigil/phrases.h"
#include "vigil/program_potential.h"
#include "vigil/project_models.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace vigil::core {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

Status checkSmoothing(int span)
{
    if (span < 1 || span > kMaxDecisionSmoothing) {
        return fail("the expected anomaly length must be a whole number from 1 to " +
                    std::to_string(kMaxDecisionSmoothing) + " points, not " + std::to_string(span));
    }
    return {};
}

/// The engine configuration a project trains a group of `channels`-channel series with.
EngineConfig groupConfig(const ProjectTrainOptions& options, int channels)
{
    EngineConfig config = options.preset == EnginePreset::Paper
                              ? EngineConfig::paper(channels > 1)
                              : EngineConfig::defaults(channels > 1);
    if (options.preset == EnginePreset::Paper && channels > 1) {
        config.channelSelection = {0}; // the reference code reads channel 0 only
    }
    return config;
}

/// `default`: fits the stacked decision (decision.h) of one channel group on its labelled
/// points. Where the analyst labelled no normal point, the unlabelled points of the group stand
/// in for normal ones (anomalies are rare and usually labelled first). Fails without a labelled
/// anomaly.
Result<StackedDecision> fitGroupDecision(const std::vector<Eigen::MatrixXd>& features,
                                         const std::vector<std::vector<std::int8_t>>& labels,
                                         bool& unlabelledAsNormal, double incidentBudget,
                                         int smoothing)
{
    bool anyNormal = false;
    for (const auto& l : labels) {
        anyNormal = anyNormal || std::find(l.begin(), l.end(), 0) != l.end();
    }
    unlabelledAsNormal = !anyNormal;
    Eigen::Index unlabelled = 0;
    for (const auto& l : labels) {
        unlabelled += std::count(l.begin(), l.end(), std::int8_t{-1});
    }
    // Long projects: every k-th unlabelled point is enough to stand for the normal class.
    constexpr Eigen::Index kMaxStandIns = 200000;
    const Eigen::Index stride = std::max<Eigen::Index>(1, unlabelled / kMaxStandIns);
    // The rows that take part: labelled ones, and every stride-th unlabelled one as a stand-in.
    std::vector<std::pair<size_t, Eigen::Index>> take;
    Eigen::Index seenUnlabelled = 0;
    for (size_t s = 0; s < features.size(); ++s) {
        for (Eigen::Index t = 0; t < features[s].rows(); ++t) {
            const auto label = labels[s][static_cast<size_t>(t)];
            if (label >= 0 || (unlabelledAsNormal && seenUnlabelled++ % stride == 0)) {
                take.emplace_back(s, t);
            }
        }
    }
    Eigen::MatrixXd x(static_cast<Eigen::Index>(take.size()), kDecisionFeatures);
    std::vector<std::uint8_t> truth(take.size());
    for (size_t r = 0; r < take.size(); ++r) {
        const auto [s, t] = take[r];
        x.row(static_cast<Eigen::Index>(r)) = features[s].row(t);
        truth[r] = labels[s][static_cast<size_t>(t)] == 1 ? 1 : 0;
    }
    auto d = fitStackedDecision(x, truth);
    if (!d) {
        return d;
    }
    d->smoothing = smoothing;
    if (unlabelledAsNormal) {
        // The stand-ins count as normal for the cut on the smoothed logits too.
        std::vector<std::vector<std::int8_t>> cutLabels = labels;
        for (auto& l : cutLabels) {
            std::replace(l.begin(), l.end(), std::int8_t{-1}, std::int8_t{0});
        }
        chooseSmoothedCut(*d, features, cutLabels);
    } else {
        chooseSmoothedCut(*d, features, labels);
    }
    // Chosen on the labels themselves (stand-ins do not count): with anomaly labels only,
    // nothing says how many detections are too many, and no budget is kept.
    d->incidentsPerThousand = resolveIncidentBudget(*d, incidentBudget, features, labels);
    return d;
}

} // namespace

Result<int> projectSmoothing(const Project& project)
{
    auto stored = project.setting(kSmoothingSetting);
    if (!stored) {
        return stored.error();
    }
    if (!stored->has_value()) {
        return 1;
    }
    const std::string& text = **stored;
    const auto span = parseSmoothing(text);
    if (!span) {
        return fail(std::string("the project setting ") + kSmoothingSetting +
                    " (expected anomaly length) must be a whole number from 1 to " +
                    std::to_string(kMaxDecisionSmoothing) + ", not \"" + text + "\"");
    }
    return *span;
}

Status setProjectSmoothing(Project& project, int span)
{
    if (auto st = checkSmoothing(span); !st) {
        return st;
    }
    return project.setSetting(kSmoothingSetting, std::to_string(span));
}

std::vector<std::int8_t> expertPointLabels(const std::vector<Label>& labels, std::int64_t length)
{
    std::vector<std::int8_t> out(static_cast<size_t>(length), -1);
    // Normal first, anomaly last: where both cover a row (different channels), anomaly wins.
    for (const int pass : {kClassNormal, kClassAnomaly}) {
        for (const auto& l : labels) {
            if (l.classId != pass ||
                (l.source != LabelSource::Human && l.source != LabelSource::Imported)) {
                continue;
            }
            for (auto t = std::max<std::int64_t>(0, l.begin); t < std::min(l.end, length); ++t) {
                out[static_cast<size_t>(t)] = pass == kClassAnomaly ? 1 : 0;
            }
        }
    }
    return out;
}

Result<ProjectTrainResult> trainProjectModel(Project& project, const ProjectTrainOptions& options,
                                             ProgressSink progress, const CancelToken& cancel)
{
    const auto t0 = Clock::now();
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    if (list->empty()) {
        return fail("the project has no series to train on");
    }
    int smoothing = options.smoothing;
    if (smoothing == 0) {
        auto stored = projectSmoothing(project);
        if (!stored) {
            return stored.error();
        }
        smoothing = *stored;
    } else if (auto st = checkSmoothing(smoothing); !st) {
        return st.error();
    }
    struct Loaded
    {
        SeriesInfo info;
        TimeSeries series;
        std::vector<std::int8_t> labels;
        std::vector<std::int8_t> propagated;
        std::vector<double> confidence;
    };
    std::map<int, std::vector<Loaded>> groups;
    ProjectTrainResult result;
    // Edits logged from now on may be ones this model does not see (modelLabelsReadAt).
    const std::int64_t labelsReadMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count();
    std::vector<std::int64_t> anomalyRuns; // lengths of the labelled anomalous stretches
    for (const auto& info : *list) {
        auto s = project.loadSeries(info.id);
        if (!s) {
            return s.error();
        }
        // A series too short for one window, or without an observed value, is left out (and
        // named), not the reason the whole project cannot train.
        if (auto why = unusableSeries(s->values, groupConfig(options, info.channels));
            !why.empty()) {
            result.skipped.push_back(info.name + ": " + why);
            continue;
        }
        auto labels = project.labels(info.id);
        if (!labels) {
            return labels.error();
        }
        Loaded l{info, std::move(s).value(), expertPointLabels(*labels, info.length), {}, {}};
        l.propagated.assign(static_cast<size_t>(info.length), -1);
        l.confidence.assign(static_cast<size_t>(info.length), 0.0);
        for (const auto& lab : *labels) {
            if (lab.source != LabelSource::Propagated) {
                continue;
            }
            for (auto t = std::max<std::int64_t>(0, lab.begin); t < std::min(lab.end, info.length);
                 ++t) {
                l.propagated[static_cast<size_t>(t)] = lab.classId == kClassAnomaly ? 1 : 0;
                l.confidence[static_cast<size_t>(t)] = lab.confidence;
            }
        }
        std::int64_t run = 0;
        for (const auto v : l.labels) {
            result.labelledPoints += v >= 0 ? 1 : 0;
            if (v == 1) {
                ++run;
            } else if (run > 0) {
                anomalyRuns.push_back(std::exchange(run, 0));
            }
        }
        if (run > 0) {
            anomalyRuns.push_back(run);
        }
        groups[info.channels].push_back(std::move(l));
    }
    if (groups.empty()) {
        std::string why;
        for (const auto& note : result.skipped) {
            why += (why.empty() ? "" : "; ") + note;
        }
        return fail("no series can be trained on (" + why + ")");
    }
    if (!anomalyRuns.empty()) {
        const auto mid = anomalyRuns.begin() + static_cast<std::ptrdiff_t>(anomalyRuns.size() / 2);
        std::nth_element(anomalyRuns.begin(), mid, anomalyRuns.end());
        result.anomalyLabelMedian = *mid;
    }

    // The project's potential function (written by `vigil-cli potential` or the GUI) shapes the
    // rewards when there is one; otherwise the reference's heuristic does.
    std::unique_ptr<PotentialFunction> potentialOwner = std::make_unique<HeuristicPotential>();
    std::string potentialName = "heuristic";
    if (auto stored = project.latestPotential(); stored && stored->has_value()) {
        if (auto program = ProgramPotential::parse((*stored)->expression)) {
            potentialOwner = std::make_unique<ProgramPotential>(std::move(program).value());
            potentialName = "program: " + (*stored)->expression;
        } else {
            // Said, not silent: a damaged stored potential (edited by hand) shapes nothing.
            const std::string& message = program.error().message;
            potentialName = "heuristic (the stored potential cannot be used: " +
                            message.substr(0, message.find('\n')) + ")";
        }
    }
    const PotentialFunction& potential = *potentialOwner;
    result.potential = potentialName;
    // Kept alive until the blob is packed (project_models.h owns the blob format).
    std::map<int, std::unique_ptr<Detector>> trainedDetectors;
    nlohmann::ordered_json metrics;
    metrics["potential"] = potentialName;
    metrics["groups"] = nlohmann::ordered_json::array();
    std::map<std::int64_t, std::vector<double>> scores;
    std::vector<double> allScore;
    std::vector<std::uint8_t> allPred;
    std::vector<std::uint8_t> allTruth;
    EngineConfig config;
    size_t groupIndex = 0;
    for (auto& [channels, members] : groups) {
        config = groupConfig(options, channels);
        config.seed = options.seed;
        config.threads = std::max(0, options.threads); // 0: automatic
        if (options.episodes > 0) {
            config.episodes = options.episodes;
        }
        auto detector = Detector::create(config, channels);
        if (!detector) {
            return detector.error();
        }
        TrainingSet set;
        for (const auto& m : members) {
            // The times `potential` measures hour_of_day/day_of_week from.
            set.series.push_back(
                {m.series.values, m.labels, m.propagated, m.confidence, m.series.calendarTimes()});
        }
        const double base = double(groupIndex) / double(groups.size());
        const double span = 0.9 / double(groups.size());
        // The group's span: its training, then the scoring of its members (on long series
        // that scoring takes minutes, so it reports per series too).
        constexpr double kTrainingShare = 0.85;
        ProgressSink inner{[&](double f, const std::string& phase) {
            progress(base * 0.9 + span * kTrainingShare * f, phase);
        }};
        if (auto st = (*detector)->train(set, potential, inner, cancel); !st) {
            return st.error();
        }
        const auto& rep = (*detector)->report();
        nlohmann::ordered_json g;
        g["channels"] = channels;
        g["series"] = members.size();
        // null when it could not be measured (no labels of one class): 0.5 claimed a
        // measurement of no separation.
        g["potential_auc"] = std::isfinite(rep.potentialAuc)
                                 ? nlohmann::ordered_json(rep.potentialAuc)
                                 : nlohmann::ordered_json(nullptr);
        g["episodes"] = nlohmann::ordered_json::array();
        std::int64_t groupUpdates = 0;
        for (const auto& e : rep.episodes) {
            result.qUpdates += e.updates;
            groupUpdates += e.updates;
            g["episodes"].push_back({{"episode", e.episode},
                                     {"reward", e.reward},
                                     {"lambda", e.lambda},
                                     {"loss", std::isfinite(e.loss) ? e.loss : 0.0}});
        }
        // Scores: `default` decides with the stacked decision when the labels allow one (the
        // stored score is then sigmoid(logit - cut), flagged at >= 0.5); otherwise, and for
        // `paper`, with p and the greedy rule.
        std::vector<Eigen::VectorXd> probability;      // the detector's p and greedy decision, kept
        std::vector<std::vector<std::uint8_t>> greedy; // for when no decision can be fitted
        std::vector<Eigen::MatrixXd> features;
        std::vector<std::vector<std::int8_t>> groupLabels;
        for (size_t k = 0; k < members.size(); ++k) {
            const auto& m = members[k];
            progress(base * 0.9 + span * (kTrainingShare + (1.0 - kTrainingShare) * double(k) /
                                                               double(members.size())),
                     "scoring " + m.info.name);
            auto s = (*detector)->score(m.series.values, cancel);
            if (!s) {
                return s.error();
            }
            if (options.preset == EnginePreset::Default) {
                const Eigen::VectorXd margin = s->q1 - s->q0;
                auto f =
                    decisionFeatures(m.series.values, margin, s->reconstructionError, config.window,
                                     ResidualColumn::Jump, config.window, m.series.values.rows());
                if (!f) {
                    return f.error();
                }
                features.push_back(std::move(f).value());
                groupLabels.push_back(m.labels);
            }
            probability.push_back(std::move(s->probability));
            greedy.push_back(std::move(s->decision));
        }
        std::optional<StackedDecision> decision;
        if (options.preset == EnginePreset::Default) {
            bool unlabelledAsNormal = false;
            if (auto d = fitGroupDecision(features, groupLabels, unlabelledAsNormal,
                                          options.incidentBudget, smoothing)) {
                decision = *d;
                g["decision"] = nlohmann::ordered_json::parse(d->toJson());
                g["decision_normals"] = unlabelledAsNormal ? "unlabelled" : "labelled";
            } else {
                g["decision_note"] = d.error().message;
            }
        }
        // Nothing learnt: an untrained network's scores would flag noise. The group's series
        // get no scores under this version, and its detector is not stored.
        const bool learnt = groupUpdates > 0 || decision;
        if (!learnt) {
            g["untrained"] = true;
        }
        metrics["groups"].push_back(g);
        if (!learnt) {
            for (const auto& m : members) {
                result.skipped.push_back(
                    m.info.name + ": " +
                    phrases::fill(phrases::kUntrainedGroup, {std::to_string(channels)}));
            }
            ++groupIndex;
            continue;
        }
        for (size_t k = 0; k < members.size(); ++k) {
            const auto& m = members[k];
            std::vector<double> p;
            std::vector<std::uint8_t> flags;
            if (decision) {
                const Eigen::VectorXd sc = decision->score(features[k]);
                p.assign(sc.data(), sc.data() + sc.size());
                for (const double v : p) {
                    flags.push_back(std::isfinite(v) && v >= 0.5 ? 1 : 0);
                }
            } else {
                p.assign(probability[k].data(), probability[k].data() + probability[k].size());
                flags = greedy[k];
            }
            for (size_t t = 0; t < m.labels.size(); ++t) {
                if (m.labels[t] >= 0) {
                    allScore.push_back(p[t]);
                    allPred.push_back(flags[t]);
                    allTruth.push_back(static_cast<std::uint8_t>(m.labels[t]));
                }
            }
            scores[m.info.id] = std::move(p);
        }
        trainedDetectors[channels] = std::move(detector).value();
        ++groupIndex;
    }
    if (trainedDetectors.empty()) {
        // Every group learnt nothing: a model version without a detector would only hide that.
        return fail("nothing was learnt: no Q-network update ran and no decision could be "
                    "fitted (too few windows or episodes, and no labelled anomaly); label an "
                    "anomaly and some normal data, or train with more episodes");
    }
    std::map<int, const Detector*> toPack;
    for (const auto& [channels, d] : trainedDetectors) {
        toPack[channels] = d.get();
    }
    auto blob = packModelBlob(toPack);
    if (!blob) {
        return blob.error();
    }
    if (auto pm = pointMetrics(allPred, allTruth); pm) {
        result.inSampleF1 = pm->f1;
    }
    metrics["skipped"] = result.skipped;
    metrics["labelled_points"] = result.labelledPoints;
    metrics["in_sample_f1"] = result.inSampleF1;
    metrics["anomaly_label_median_length"] = result.anomalyLabelMedian;
    metrics["q_updates"] = result.qUpdates;
    metrics["seed"] = options.seed;
    metrics["labels_read_ms"] = labelsReadMs;
    result.seconds = secondsSince(t0);
    metrics["seconds"] = result.seconds;
    result.metricsJson = metrics.dump();
    if (cancel.isCancelled()) {
        return fail(std::string(kCancelledMessage)); // nothing stored
    }
    progress(0.95, "saving model");
    // The model and its scores in one transaction: a full disk or a kill stores neither.
    auto version = project.addModel(options.preset == EnginePreset::Paper ? "paper" : "default",
                                    config.toJson(), *blob, result.metricsJson, scores);
    if (!version) {
        return version.error();
    }
    result.version = *version;
    // Remembered once the model it trained is stored whole.
    if (options.smoothing > 0) {
        if (auto st = setProjectSmoothing(project, smoothing); !st) {
            return st.error();
        }
    }
    progress(1.0, "done");
    return result;
}

Result<ProjectScoreResult> scoreProject(Project& project, ProgressSink progress,
                                        const CancelToken& cancel)
{
    const auto t0 = Clock::now();
    auto model = project.latestModel();
    if (!model) {
        return model.error();
    }
    if (!model->has_value()) {
        return fail("no model has been trained yet (run train first)");
    }
    auto detectors = unpackModelBlob((*model)->blob);
    if (!detectors) {
        return detectors.error();
    }
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    // The stacked decision of each channel group, when the model has one.
    auto decisions = modelDecisions((*model)->metricsJson);
    if (!decisions) {
        return fail("model " + std::to_string((*model)->version) + ": " +
                    decisions.error().message);
    }
    int window = 25;
    if (auto cfg = EngineConfig::fromJson((*model)->configJson)) {
        window = cfg->window;
    }
    ProjectScoreResult result;
    result.version = (*model)->version;
    size_t done = 0;
    for (const auto& info : *list) {
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        progress(double(done++) / double(list->size()), "scoring " + info.name);
        const auto it = detectors->find(info.channels);
        if (it == detectors->end()) {
            // Added after training, or its group learnt nothing (trainProjectModel).
            result.skipped.push_back(
                info.name + ": " +
                phrases::fill(phrases::kNoDetector, {std::to_string(info.channels)}));
            continue;
        }
        auto s = project.loadSeries(info.id);
        if (!s) {
            return s.error();
        }
        if (auto why = unusableSeries(s->values, it->second->config()); !why.empty()) {
            result.skipped.push_back(info.name + ": " + why);
            continue;
        }
        auto scored = it->second->score(s->values, cancel);
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage)); // this series keeps its scores
        }
        if (!scored) {
            return fail(info.name + ": " + scored.error().message);
        }
        std::vector<double> p(scored->probability.data(),
                              scored->probability.data() + scored->probability.size());
        if (const auto d = decisions->find(info.channels); d != decisions->end()) {
            const Eigen::VectorXd margin = scored->q1 - scored->q0;
            auto f = decisionFeatures(s->values, margin, scored->reconstructionError, window,
                                      d->second.residual, window, s->values.rows());
            if (!f) {
                return fail(info.name + ": " + f.error().message);
            }
            const Eigen::VectorXd sc = d->second.score(*f);
            p.assign(sc.data(), sc.data() + sc.size());
        }
        if (auto st = project.saveScores(result.version, info.id, p); !st) {
            return st.error();
        }
        ++result.series;
        result.points += info.length;
    }
    result.seconds = secondsSince(t0);
    progress(1.0, "done");
    return result;
}

} // namespace vigil::core
