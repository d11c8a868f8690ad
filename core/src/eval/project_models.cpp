// SPDX-License-Identifier: MIT
#include "vigil/project_models.h"

#include "vigil/decision.h"
#include "vigil/phrases.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <zlib.h>

namespace vigil::core {

namespace {

/// The largest `field` of the model's fitted decisions, at least `least` (also without any).
template <typename T>
T largestOfDecisions(const std::string& metricsJson, T least, T StackedDecision::*field)
{
    if (const auto decisions = modelDecisions(metricsJson)) {
        for (const auto& [channels, d] : *decisions) {
            least = std::max(least, d.*field);
        }
    }
    return least;
}

void put(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i) {
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
}

/// "VGLM" read as a little-endian 32-bit number: no group count comes near it.
constexpr std::uint64_t kBlobMagic = 0x4D4C4756;

std::uint32_t crc32Of(const std::uint8_t* data, std::size_t size)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    while (size > 0) { // zlib takes at most 4 GiB per call
        const auto n = static_cast<uInt>(std::min<std::size_t>(size, 1U << 30));
        crc = crc32(crc, data, n);
        data += n;
        size -= n;
    }
    return static_cast<std::uint32_t>(crc);
}

bool get(const std::vector<std::uint8_t>& in, std::size_t& at, int bytes, std::uint64_t& v)
{
    if (at + static_cast<std::size_t>(bytes) > in.size()) {
        return false;
    }
    v = 0;
    for (int i = 0; i < bytes; ++i) {
        v |= static_cast<std::uint64_t>(in[at + static_cast<std::size_t>(i)]) << (8 * i);
    }
    at += static_cast<std::size_t>(bytes);
    return true;
}

} // namespace

Result<std::map<int, std::unique_ptr<Detector>>>
unpackModelBlob(const std::vector<std::uint8_t>& blob)
{
    std::map<int, std::unique_ptr<Detector>> out;
    std::size_t at = 0;
    // Blobs written since session 21 open with a magic number and a CRC-32 of the rest, so a
    // damaged model is refused instead of scoring with altered weights; older ones have neither.
    std::uint64_t magic = 0;
    if (get(blob, at, 4, magic) && magic == kBlobMagic) {
        std::uint64_t crc = 0;
        if (!get(blob, at, 4, crc) ||
            crc32Of(blob.data() + at, blob.size() - at) != static_cast<std::uint32_t>(crc)) {
            return fail(phrases::kModelDamaged);
        }
    } else {
        at = 0;
    }
    std::uint64_t groups = 0;
    if (!get(blob, at, 4, groups)) {
        return fail("the stored model is damaged (no header)");
    }
    for (std::uint64_t g = 0; g < groups; ++g) {
        std::uint64_t channels = 0;
        std::uint64_t size = 0;
        if (!get(blob, at, 4, channels) || !get(blob, at, 8, size) || size > blob.size() - at) {
            return fail("the stored model is damaged (truncated)");
        }
        std::vector<std::uint8_t> bytes(blob.begin() + static_cast<std::ptrdiff_t>(at),
                                        blob.begin() + static_cast<std::ptrdiff_t>(at + size));
        at += size;
        auto d = Detector::load(bytes);
        if (!d) {
            return d.error();
        }
        out[static_cast<int>(channels)] = std::move(d).value();
    }
    return out;
}

Result<std::vector<std::uint8_t>> packModelBlob(const std::map<int, const Detector*>& detectors)
{
    std::vector<std::uint8_t> blob;
    put(blob, kBlobMagic, 4);
    put(blob, 0, 4); // the checksum, filled in below
    put(blob, detectors.size(), 4);
    for (const auto& [channels, detector] : detectors) {
        if (detector == nullptr) {
            return fail("no detector for " + std::to_string(channels) + " channels");
        }
        auto bytes = detector->save();
        if (!bytes) {
            return bytes.error();
        }
        put(blob, static_cast<std::uint64_t>(channels), 4);
        put(blob, bytes->size(), 8);
        blob.insert(blob.end(), bytes->begin(), bytes->end());
    }
    const std::uint32_t crc = crc32Of(blob.data() + 8, blob.size() - 8);
    for (int i = 0; i < 4; ++i) {
        blob[4 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (8 * i));
    }
    return blob;
}

Result<LatestDetectors> loadLatestDetectors(const Project& project)
{
    auto model = project.latestModel();
    if (!model) {
        return model.error();
    }
    LatestDetectors out;
    if (!model->has_value()) {
        return out;
    }
    auto detectors = unpackModelBlob((*model)->blob);
    if (!detectors) {
        return fail("model version " + std::to_string((*model)->version) + ": " +
                    detectors.error().message);
    }
    out.version = (*model)->version;
    out.detectors = std::move(detectors).value();
    return out;
}

double modelDecisionThreshold(const ModelRecord& model)
{
    for (const std::string* json : {&model.metricsJson, &model.configJson}) {
        const auto doc = nlohmann::json::parse(*json, nullptr, false);
        if (!doc.is_object()) {
            continue;
        }
        for (const char* key : {"decision_threshold", "threshold"}) {
            const auto it = doc.find(key);
            if (it != doc.end() && it->is_number() && it->get<double>() > 0.0 &&
                it->get<double>() < 1.0) {
                return it->get<double>();
            }
        }
    }
    return 0.5;
}

ModelDecisionKind modelDecisionKind(const std::string& metricsJson)
{
    const auto doc = nlohmann::json::parse(metricsJson, nullptr, false);
    const auto groups = doc.is_object() ? doc.find("groups") : doc.end();
    if (!doc.is_object() || groups == doc.end() || !groups->is_array()) {
        return ModelDecisionKind::Greedy;
    }
    bool fitted = false;
    bool standIns = false;
    bool unfitted = false;
    for (const auto& g : *groups) {
        if (!g.is_object()) {
            continue;
        }
        if (g.contains("decision")) {
            fitted = true;
            const auto normals = g.find("decision_normals");
            standIns = standIns || (normals != g.end() && *normals == "unlabelled");
        } else if (g.contains("decision_note")) {
            unfitted = true;
        }
    }
    if (fitted) {
        return standIns ? ModelDecisionKind::FittedStandIns : ModelDecisionKind::Fitted;
    }
    return unfitted ? ModelDecisionKind::DetectorAlone : ModelDecisionKind::Greedy;
}

double modelIncidentBudget(const std::string& metricsJson)
{
    return largestOfDecisions(metricsJson, 0.0, &StackedDecision::incidentsPerThousand);
}

int modelSmoothing(const std::string& metricsJson)
{
    return largestOfDecisions(metricsJson, 1, &StackedDecision::smoothing);
}

bool modelFlagsNoLabelledAnomaly(const std::string& metricsJson)
{
    try {
        const auto metrics = nlohmann::json::parse(metricsJson);
        const auto f1 = metrics.find("in_sample_f1");
        return f1 != metrics.end() && f1->is_number() && f1->get<double>() <= 0.0 &&
               metrics.value("labelled_points", 0) > 0;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

int modelSuggestedSmoothing(const std::string& metricsJson)
{
    const auto decisions = modelDecisions(metricsJson);
    if (!decisions || decisions->empty() ||
        std::any_of(decisions->begin(), decisions->end(),
                    [](const auto& group) { return group.second.smoothing > 1; })) {
        return 0; // `paper`, no decision to smooth, or one that smooths already
    }
    return suggestedSmoothing(modelAnomalyLabelMedian(metricsJson));
}

std::int64_t modelLabelsReadAt(const ModelRecord& model)
{
    try {
        const auto metrics = nlohmann::json::parse(model.metricsJson);
        const auto read = metrics.find("labels_read_ms");
        if (read != metrics.end() && read->is_number_integer()) {
            return std::min(read->get<std::int64_t>(), model.created);
        }
    } catch (const nlohmann::json::exception&) {
    }
    return model.created;
}

std::int64_t modelAnomalyLabelMedian(const std::string& metricsJson)
{
    try {
        const auto metrics = nlohmann::json::parse(metricsJson);
        const auto median = metrics.find("anomaly_label_median_length");
        return median != metrics.end() && median->is_number_integer() ? median->get<std::int64_t>()
                                                                      : 0;
    } catch (const nlohmann::json::exception&) {
        return 0;
    }
}

Result<std::map<int, StackedDecision>> modelDecisions(const std::string& metricsJson)
{
    std::map<int, StackedDecision> out;
    if (metricsJson.empty()) {
        return out;
    }
    try {
        const auto metrics = nlohmann::json::parse(metricsJson);
        for (const auto& g : metrics.value("groups", nlohmann::json::array())) {
            if (g.contains("decision") && g.contains("channels")) {
                auto d = StackedDecision::fromJson(g.at("decision").dump());
                if (!d) {
                    return d.error();
                }
                out[g.at("channels").get<int>()] = *d;
            }
        }
    } catch (const nlohmann::json::exception& e) {
        return fail(std::string("the model's metrics are not readable JSON (") + e.what() + ")");
    }
    return out;
}

} // namespace vigil::core
