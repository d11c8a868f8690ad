// SPDX-License-Identifier: MIT
// Torch modules and the steps built on them. Included only by the engine's torch TUs
// (vae.cpp, q_network.cpp, detector.cpp): never by a public header.
#pragma once

#include "engine_internal.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <random>
#include <tuple>
#include <vector>

namespace vigil::core::ml {

/// One LSTM layer over the W rows, then a linear head to {Q(s, 0), Q(s, 1)}.
struct QNetImpl : torch::nn::Module
{
    QNetImpl(int inputs, int hidden);
    /// x: [B, W, C + 1] → [B, 2].
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::LSTM lstm{nullptr};
    torch::nn::Linear head{nullptr};
};
TORCH_MODULE(QNet);

/// Builds a Q-network initialised as the preset asks (head N(0, σ), forget-gate bias).
QNet makeQNet(const EngineConfig& config, int channels);

/// Copies every parameter and buffer of `from` into `to` (same architecture).
void copyParameters(torch::nn::Module& from, torch::nn::Module& to);

/// Dense VAE: W·C → H → H → H (ReLU), μ and log σ² of size L, decoder L → H → W·C.
struct VaeImpl : torch::nn::Module
{
    VaeImpl(int inputs, const EngineConfig& config);
    /// {reconstruction, μ, log σ²}; samples z when `sample`, else z = μ.
    std::tuple<torch::Tensor, torch::Tensor, torch::Tensor> forward(const torch::Tensor& x,
                                                                    bool sample);

    torch::nn::Linear e1{nullptr}, e2{nullptr}, e3{nullptr}, mu{nullptr}, logvar{nullptr};
    torch::nn::Linear d1{nullptr}, d2{nullptr};
    bool sigmoidOutput = false;
    double logvarClip = 10.0;
};
TORCH_MODULE(Vae);

/// Called between batches with the fraction done; returns false to stop (cancel).
using Tick = std::function<bool(double)>;

/// Trains on the rows of `windows` ([N, W·C] float); appends the mean loss of each epoch.
/// Returns false when `tick` asked to stop.
bool trainVae(Vae& vae, const torch::Tensor& windows, const EngineConfig& config,
              std::mt19937_64& rng, const Tick& tick, std::vector<double>& epochLoss);

/// Reconstruction errors (z = μ) of every window of `series` (N = T - W + 1 rows):
/// total mean squared error, per channel (mean over rows) and over the newest `rows` rows
/// (0 = all rows).
struct VaeErrors
{
    Eigen::VectorXd total;
    Eigen::MatrixXd perChannel;
    Eigen::VectorXd newest;
};
VaeErrors vaeErrors(Vae& vae, const PreparedSeries& series, const EngineConfig& config);

/// The result of running a policy over a series: per step t, the decision a_t and Q values
/// (NaN where no valid window ends).
struct Rollout
{
    std::vector<std::uint8_t> decision;
    std::vector<float> q0;
    std::vector<float> q1;
    int sweeps = 0;
    std::int64_t evaluations = 0;
};

/// Runs the policy "explore[t] ? randomAction[t] : greedy" (greedy when explore is empty) over
/// the series, building states from the policy's own earlier decisions. Returns false when
/// cancelled.
bool rollout(QNet& net, const PreparedSeries& series, const EngineConfig& config,
             const std::vector<std::uint8_t>& explore,
             const std::vector<std::uint8_t>& randomAction, const CancelToken& cancel,
             Rollout& out);

/// Replay memory of (s, r_0, r_1, s'_0, s'_1): states are rebuilt from (series, t, flags)
/// so that a transition costs W + 20 bytes instead of three W x (C + 1) float matrices.
struct Replay
{
    std::int64_t capacity = 0;
    int flagsPerItem = 0; ///< W - 1: flags of rows t-W+1 .. t-1
    std::vector<std::int32_t> series;
    std::vector<std::int64_t> step;
    std::vector<float> r0;
    std::vector<float> r1;
    std::vector<std::uint8_t> action;
    std::vector<std::uint8_t> flags;
    std::int64_t next = 0;

    std::int64_t size() const { return static_cast<std::int64_t>(series.size()); }
    void push(std::int32_t s, std::int64_t t, float rew0, float rew1, std::uint8_t a,
              const std::uint8_t* f);
};

/// One DQN update on a uniform batch; returns the loss.
double dqnUpdate(QNet& net, QNet& target, torch::optim::Optimizer& optimizer, const Replay& replay,
                 const std::vector<PreparedSeries>& series, const EngineConfig& config,
                 std::mt19937_64& rng);

/// Sets torch's intra-op threads from the config (0 = hardware cores) when they differ.
void applyThreads(const EngineConfig& config);

} // namespace vigil::core::ml
