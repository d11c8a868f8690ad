// SPDX-License-Identifier: MIT
#include "store/codec.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <bit>
#include <cstdio>
#include <cstring>

namespace vigil::core::store {

// The on-disk format is little-endian; a big-endian port would byte-swap here.
static_assert(std::endian::native == std::endian::little, "chunk codec assumes little-endian");

namespace {

std::string compressBytes(const void* data, std::size_t size)
{
    uLongf bound = compressBound(static_cast<uLong>(size));
    std::string out(bound, '\0');
    // Level 1: values compress far less than text does, and import speed matters more.
    const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &bound,
                             static_cast<const Bytef*>(data), static_cast<uLong>(size), 1);
    if (rc != Z_OK) {
        return {};
    }
    out.resize(bound);
    return out;
}

Status uncompressBytes(std::string_view blob, void* out, std::size_t size)
{
    uLongf got = static_cast<uLongf>(size);
    const int rc = uncompress(static_cast<Bytef*>(out), &got,
                              reinterpret_cast<const Bytef*>(blob.data()),
                              static_cast<uLong>(blob.size()));
    if (rc != Z_OK || got != size) {
        return fail("a stored value chunk is damaged (zlib error " + std::to_string(rc) + ")");
    }
    return {};
}

} // namespace

std::string encodeDoubles(const double* values, std::size_t count)
{
    return compressBytes(values, count * sizeof(double));
}

Status decodeDoubles(std::string_view blob, std::size_t count, double* out)
{
    return uncompressBytes(blob, out, count * sizeof(double));
}

std::string encodeInt64s(const std::int64_t* values, std::size_t count)
{
    return compressBytes(values, count * sizeof(std::int64_t));
}

Status decodeInt64s(std::string_view blob, std::size_t count, std::int64_t* out)
{
    return uncompressBytes(blob, out, count * sizeof(std::int64_t));
}

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t state)
{
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        state ^= p[i];
        state *= 1099511628211ULL;
    }
    return state;
}

std::string toHex(std::uint64_t value)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
    return buf;
}

namespace {

nlohmann::json labelToJson(const Label& l)
{
    return nlohmann::json{{"series", l.seriesId}, {"begin", l.begin},
                          {"end", l.end},         {"channel", l.channel},
                          {"class", l.classId},   {"source", toString(l.source)},
                          {"confidence", l.confidence}, {"author", l.author},
                          {"time", l.time}};
}

Label labelFromJson(const nlohmann::json& j)
{
    Label l;
    l.seriesId = j.at("series").get<std::int64_t>();
    l.begin = j.at("begin").get<std::int64_t>();
    l.end = j.at("end").get<std::int64_t>();
    l.channel = j.at("channel").get<int>();
    l.classId = j.at("class").get<int>();
    if (!parseLabelSource(j.at("source").get<std::string>(), &l.source)) {
        throw std::invalid_argument("unknown label source");
    }
    l.confidence = j.at("confidence").get<double>();
    l.author = j.at("author").get<std::string>();
    l.time = j.at("time").get<std::int64_t>();
    return l;
}

} // namespace

std::string diffToJson(const LabelDiff& diff)
{
    nlohmann::json removed = nlohmann::json::array();
    for (const Label& l : diff.removed) {
        removed.push_back(labelToJson(l));
    }
    nlohmann::json added = nlohmann::json::array();
    for (const Label& l : diff.added) {
        added.push_back(labelToJson(l));
    }
    // An author from $USER in Latin-1 is no UTF-8: replaced, not an "internal error" that
    // refused every edit.
    return nlohmann::json{{"removed", removed}, {"added", added}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<LabelDiff> diffFromJson(std::string_view text)
{
    try {
        const auto j = nlohmann::json::parse(text);
        LabelDiff diff;
        for (const auto& l : j.at("removed")) {
            diff.removed.push_back(labelFromJson(l));
        }
        for (const auto& l : j.at("added")) {
            diff.added.push_back(labelFromJson(l));
        }
        return diff;
    } catch (const std::exception& e) {
        return fail(std::string("a label log entry is damaged: ") + e.what());
    }
}

} // namespace vigil::core::store
