// SPDX-License-Identifier: MIT
// The small but complete project the project fuzzer starts from (series with timestamps,
// labels, a label log with an undo, a model, a potential, settings): random bytes almost never
// form an SQLite file, edits of a real one reach Vigil's own decoding.
#pragma once

#include "vigil/project.h"

#include <cmath>
#include <filesystem>
#include <string>
#include <system_error>

namespace vigil::fuzz {

/// Creates the seed project at `path` (replacing any file there); false on failure.
inline bool writeSeedProject(const std::string& path)
{
    using namespace vigil::core;
    std::error_code ec;
    std::filesystem::remove(path, ec);
    auto opened = Project::open(path, OpenMode::CreateIfMissing);
    if (!opened) {
        return false;
    }
    Project& p = **opened;
    ImportedSeries s;
    s.series.name = "seed";
    s.series.channelNames = {"a", "b"};
    s.series.values.resize(300, 2);
    s.series.timeKind = TimeKind::EpochMillis;
    for (int t = 0; t < 300; ++t) {
        s.series.values(t, 0) = std::sin(t * 0.1);
        s.series.values(t, 1) = t % 7;
        s.series.timestamps.push_back(1'400'000'000'000 + t * 60'000LL);
    }
    Label imported;
    imported.begin = 100;
    imported.end = 110;
    imported.source = LabelSource::Imported;
    s.labels.push_back(imported);
    ImportedSeries plain;
    plain.series.name = "plain";
    plain.series.channelNames = {"v"};
    plain.series.values = Eigen::MatrixXd::Constant(50, 1, 1.5);
    auto ids = p.addSeries({s, plain});
    if (!ids) {
        return false;
    }
    Label l;
    l.seriesId = ids->front();
    l.begin = 200;
    l.end = 220;
    l.channel = 1;
    bool ok = p.assignLabel(l, "seed").ok();
    l.begin = 20;
    l.end = 30;
    l.channel = kAllChannels;
    l.classId = kClassNormal;
    ok = ok && p.assignLabel(l, "seed 2").ok() && p.undo().ok();
    ok = ok && p.addModel("default", "{\"window\":25}", {1, 2, 3, 4}, "{\"auc\":0.5}").ok();
    ok = ok && p.saveScores(1, ids->front(), std::vector<double>(300, 0.25)).ok();
    PotentialRecord pot;
    pot.expression = "sigmoid(abs(z_last) - 3)";
    pot.explanationJson = "{\"terms\":[],\"summary\":\"s\"}";
    pot.provider = "builtin";
    return ok && p.addPotential(pot).ok() && p.setSetting("k", "v").ok();
}

} // namespace vigil::fuzz
