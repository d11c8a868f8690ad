// SPDX-License-Identifier: MIT
// The LSTM Q-network, the policy rollout that builds states from the agent's own decisions,
// the replay memory and the DQN update.
#include "nets.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace vigil::core::ml {

QNetImpl::QNetImpl(int inputs, int hidden)
{
    lstm = register_module(
        "lstm", torch::nn::LSTM(torch::nn::LSTMOptions(inputs, hidden).batch_first(true)));
    head = register_module("head", torch::nn::Linear(hidden, 2));
}

torch::Tensor QNetImpl::forward(const torch::Tensor& x)
{
    auto out = std::get<0>(lstm->forward(x));
    return head->forward(out.select(1, out.size(1) - 1));
}

QNet makeQNet(const EngineConfig& config, int channels)
{
    QNet net(channels + 1, config.lstmHidden);
    torch::NoGradGuard noGrad;
    const auto h = config.lstmHidden;
    if (config.headInitNormal) {
        // The reference initialises its head from N(0, 1) (a Keras RandomNormal stddev 1), and
        // TensorFlow's LSTM starts with zero biases except the forget gate.
        net->head->weight.normal_(0.0, config.headInitStd);
        net->head->bias.zero_();
        for (auto& p : net->lstm->named_parameters()) {
            if (p.key().find("bias") != std::string::npos) {
                p.value().zero_();
            }
        }
    }
    if (config.forgetGateBias != 0.0) {
        // Gate order in torch is (input, forget, cell, output); only b_ih gets the offset so the
        // sum b_ih + b_hh is shifted once.
        for (auto& p : net->lstm->named_parameters()) {
            if (p.key().find("bias_ih") != std::string::npos) {
                p.value().narrow(0, h, h).add_(config.forgetGateBias);
            }
        }
    }
    return net;
}

void copyParameters(torch::nn::Module& from, torch::nn::Module& to)
{
    torch::NoGradGuard noGrad;
    auto src = from.named_parameters(true);
    auto dst = to.named_parameters(true);
    for (auto& p : src) {
        dst[p.key()].copy_(p.value());
    }
    auto srcB = from.named_buffers(true);
    auto dstB = to.named_buffers(true);
    for (auto& b : srcB) {
        dstB[b.key()].copy_(b.value());
    }
}

void applyThreads(const EngineConfig& config)
{
    const int n = config.effectiveThreads();
    if (torch::get_num_threads() != n) {
        torch::set_num_threads(n);
    }
}

bool rollout(QNet& net, const PreparedSeries& series, const EngineConfig& config,
             const std::vector<std::uint8_t>& explore,
             const std::vector<std::uint8_t>& randomAction, const CancelToken& cancel, Rollout& out)
{
    // Why sweeps: the flag column of window t holds the decisions at t-W+1..t-1, so an exact
    // evaluation is sequential (one batch-1 LSTM pass per step, slow). Instead, all windows
    // are evaluated in large batches with the flags of the previous sweep (all 0 at first),
    // and only windows whose flags changed are evaluated again. Each sweep fixes at least the
    // first wrong decision, so the fixed point is exactly the sequential result; in practice it
    // comes after 2-4 sweeps. After maxParallelSweeps sweeps the rest runs sequentially in
    // step order, which is exact by construction.
    torch::InferenceMode guard;
    const int w = config.window;
    const std::int64_t t = series.length;
    const std::int64_t n = t - w + 1;
    const int c = series.channels;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    out.decision.assign(static_cast<std::size_t>(t), 0);
    out.q0.assign(static_cast<std::size_t>(t), nan);
    out.q1.assign(static_cast<std::size_t>(t), nan);
    out.sweeps = 0;
    out.evaluations = 0;

    auto values =
        torch::from_blob(const_cast<float*>(series.scaled.data()), {t, c}, torch::kFloat32);
    auto valueWindows = values.unfold(0, w, 1).permute({0, 2, 1}); // [N, W, C]
    std::vector<float> flagData(static_cast<std::size_t>(t), 0.0F);
    auto flags = torch::from_blob(flagData.data(), {t}, torch::kFloat32);
    auto flagWindows = flags.unfold(0, w, 1); // [N, W]; row W-1 is zeroed per batch
    auto lastRowMask = torch::ones({1, w}, torch::kFloat32);
    lastRowMask.index_put_({0, w - 1}, 0.0F);

    std::vector<std::uint8_t> dirty(static_cast<std::size_t>(n), 0);
    std::vector<std::int64_t> todo;
    for (std::int64_t i = 0; i < n; ++i) {
        if (series.windowValid[static_cast<std::size_t>(i + w - 1)]) {
            todo.push_back(i);
        }
    }
    auto evaluate = [&](const std::int64_t* idx, std::int64_t count) {
        auto index = torch::from_blob(const_cast<std::int64_t*>(idx), {count}, torch::kInt64);
        auto v = valueWindows.index_select(0, index);
        auto f = flagWindows.index_select(0, index) * lastRowMask;
        auto q = net->forward(torch::cat({v, f.unsqueeze(2)}, 2)).contiguous();
        const float* qp = q.data_ptr<float>();
        for (std::int64_t k = 0; k < count; ++k) {
            const auto step = static_cast<std::size_t>(idx[k] + w - 1);
            out.q0[step] = qp[2 * k];
            out.q1[step] = qp[2 * k + 1];
        }
        out.evaluations += count;
    };
    // Decides window i from its stored Q values; returns whether a_t changed.
    auto decide = [&](std::int64_t i) {
        const auto step = static_cast<std::size_t>(i + w - 1);
        std::uint8_t a = 0;
        if (!explore.empty() && explore[step]) {
            a = randomAction[step];
        } else {
            a = out.q1[step] >= out.q0[step] ? 1 : 0;
        }
        if (a == out.decision[step]) {
            return false;
        }
        out.decision[step] = a;
        flagData[step] = static_cast<float>(a);
        for (std::int64_t j = i + 1; j < std::min(n, i + w); ++j) {
            if (series.windowValid[static_cast<std::size_t>(j + w - 1)]) {
                dirty[static_cast<std::size_t>(j)] = 1;
            }
        }
        return true;
    };

    const std::int64_t chunk = config.scoreChunk;
    while (!todo.empty() && out.sweeps < std::max(1, config.maxParallelSweeps)) {
        ++out.sweeps;
        for (std::size_t k = 0; k < todo.size(); k += static_cast<std::size_t>(chunk)) {
            if (cancel.isCancelled()) {
                return false;
            }
            evaluate(todo.data() + k,
                     std::min<std::int64_t>(chunk, static_cast<std::int64_t>(todo.size() - k)));
        }
        for (std::int64_t i : todo) {
            decide(i);
        }
        todo.clear();
        for (std::int64_t i = 0; i < n; ++i) {
            if (dirty[static_cast<std::size_t>(i)]) {
                todo.push_back(i);
                dirty[static_cast<std::size_t>(i)] = 0;
            }
        }
    }
    if (!todo.empty()) {
        // Sequential finish: windows in step order, each with final flags before it.
        for (std::int64_t i : todo) {
            dirty[static_cast<std::size_t>(i)] = 1;
        }
        for (std::int64_t i = todo.front(); i < n; ++i) {
            if (!dirty[static_cast<std::size_t>(i)]) {
                continue;
            }
            if ((i & 255) == 0 && cancel.isCancelled()) {
                return false;
            }
            dirty[static_cast<std::size_t>(i)] = 0;
            evaluate(&i, 1);
            decide(i);
        }
    }
    return true;
}

void Replay::push(std::int32_t s, std::int64_t t, float rew0, float rew1, std::uint8_t a,
                  const std::uint8_t* f)
{
    const auto fp = static_cast<std::size_t>(flagsPerItem);
    if (size() < capacity) {
        series.push_back(s);
        step.push_back(t);
        r0.push_back(rew0);
        r1.push_back(rew1);
        action.push_back(a);
        flags.insert(flags.end(), f, f + fp);
        return;
    }
    const auto k = static_cast<std::size_t>(next);
    series[k] = s;
    step[k] = t;
    r0[k] = rew0;
    r1[k] = rew1;
    action[k] = a;
    std::copy(f, f + fp, flags.begin() + static_cast<std::ptrdiff_t>(k * fp));
    next = (next + 1) % capacity;
}

double dqnUpdate(QNet& net, QNet& target, torch::optim::Optimizer& optimizer, const Replay& replay,
                 const std::vector<PreparedSeries>& series, const EngineConfig& config,
                 std::mt19937_64& rng)
{
    const int w = config.window;
    const int b = config.batchSize;
    const int c = series.front().channels;
    const int cols = c + 1;
    const auto rowSize = static_cast<std::size_t>(w * cols);
    std::vector<float> s(static_cast<std::size_t>(b) * rowSize);
    std::vector<float> sn(static_cast<std::size_t>(2 * b) * rowSize);
    std::vector<float> rew(static_cast<std::size_t>(2 * b));
    std::vector<std::int64_t> taken(static_cast<std::size_t>(b));
    std::uniform_int_distribution<std::int64_t> pick(0, replay.size() - 1);
    const auto fp = static_cast<std::size_t>(replay.flagsPerItem);
    for (int k = 0; k < b; ++k) {
        const auto item = static_cast<std::size_t>(pick(rng));
        const auto& ps = series[static_cast<std::size_t>(replay.series[item])];
        const std::int64_t t = replay.step[item];
        const std::uint8_t* f = replay.flags.data() + item * fp;
        float* dst = s.data() + static_cast<std::size_t>(k) * rowSize;
        for (int j = 0; j < w; ++j) {
            const float* src = ps.scaled.data() + (t - w + 1 + j) * c;
            std::copy(src, src + c, dst + j * cols);
            dst[j * cols + c] = j < w - 1 ? static_cast<float>(f[j]) : 0.0F;
        }
        for (int a = 0; a < 2; ++a) {
            float* nd = sn.data() + static_cast<std::size_t>(a * b + k) * rowSize;
            for (int j = 0; j < w; ++j) {
                const float* src = ps.scaled.data() + (t - w + 2 + j) * c;
                std::copy(src, src + c, nd + j * cols);
                float flag = 0.0F;
                if (j < w - 2) {
                    flag = static_cast<float>(f[j + 1]);
                } else if (j == w - 2) {
                    flag = static_cast<float>(a);
                }
                nd[j * cols + c] = flag;
            }
        }
        rew[static_cast<std::size_t>(k)] = replay.r0[item];
        rew[static_cast<std::size_t>(b + k)] = replay.r1[item];
        taken[static_cast<std::size_t>(k)] = replay.action[item];
    }
    auto state = torch::from_blob(s.data(), {b, w, cols}, torch::kFloat32);
    auto next = torch::from_blob(sn.data(), {2 * b, w, cols}, torch::kFloat32);
    auto rewards = torch::from_blob(rew.data(), {2 * b}, torch::kFloat32);
    torch::Tensor y;
    {
        torch::NoGradGuard noGrad;
        auto best = std::get<0>(target->forward(next).max(1));             // [2B]
        y = (rewards + config.gamma * best).view({2, b}).t().contiguous(); // [B, 2]
    }
    auto q = net->forward(state);
    torch::Tensor loss;
    if (config.bothActionTargets) {
        loss = torch::mse_loss(q, y);
    } else {
        auto a = torch::from_blob(taken.data(), {b, 1}, torch::kInt64);
        loss = torch::mse_loss(q.gather(1, a), y.gather(1, a));
    }
    optimizer.zero_grad();
    loss.backward();
    if (config.qGradClip > 0.0) {
        torch::nn::utils::clip_grad_norm_(net->parameters(), config.qGradClip);
    }
    optimizer.step();
    return loss.item<double>();
}

} // namespace vigil::core::ml
