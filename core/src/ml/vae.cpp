// SPDX-License-Identifier: MIT
// The dense VAE of METHOD.md §4: training on windows believed normal, reconstruction errors.
#include "nets.h"

#include <algorithm>
#include <numeric>

namespace vigil::core::ml {

VaeImpl::VaeImpl(int inputs, const EngineConfig& config)
    : sigmoidOutput(config.vaeSigmoidOutput)
    , logvarClip(config.vaeLogvarClip)
{
    const int h = config.vaeHidden;
    const int l = config.vaeLatent;
    e1 = register_module("e1", torch::nn::Linear(inputs, h));
    e2 = register_module("e2", torch::nn::Linear(h, h));
    e3 = register_module("e3", torch::nn::Linear(h, h));
    mu = register_module("mu", torch::nn::Linear(h, l));
    logvar = register_module("logvar", torch::nn::Linear(h, l));
    d1 = register_module("d1", torch::nn::Linear(l, h));
    d2 = register_module("d2", torch::nn::Linear(h, inputs));
}

std::tuple<torch::Tensor, torch::Tensor, torch::Tensor> VaeImpl::forward(const torch::Tensor& x,
                                                                         bool sample)
{
    auto h = torch::relu(e1->forward(x));
    h = torch::relu(e2->forward(h));
    h = torch::relu(e3->forward(h));
    auto m = mu->forward(h);
    auto lv = torch::clamp(logvar->forward(h), -logvarClip, logvarClip);
    auto z = sample ? m + torch::exp(0.5 * lv) * torch::randn_like(m) : m;
    auto r = d2->forward(torch::relu(d1->forward(z)));
    if (sigmoidOutput) {
        r = torch::sigmoid(r);
    }
    return {r, m, lv};
}

bool trainVae(Vae& vae, const torch::Tensor& windows, const EngineConfig& config,
              std::mt19937_64& rng, const Tick& tick, std::vector<double>& epochLoss)
{
    const std::int64_t n = windows.size(0);
    if (n == 0 || config.vaeEpochs == 0) {
        return true;
    }
    vae->train();
    torch::optim::Adam optimizer(vae->parameters(),
                                 torch::optim::AdamOptions(config.vaeLearningRate));
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    const double w = config.window;
    const std::int64_t batches = (n + config.vaeBatch - 1) / config.vaeBatch;
    const std::int64_t total = batches * config.vaeEpochs;
    std::int64_t done = 0;
    for (int epoch = 0; epoch < config.vaeEpochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        double sum = 0.0;
        for (std::int64_t start = 0; start < n; start += config.vaeBatch) {
            const std::int64_t count = std::min<std::int64_t>(config.vaeBatch, n - start);
            auto index = torch::from_blob(order.data() + start, {count}, torch::kInt64);
            auto x = windows.index_select(0, index);
            auto [r, m, lv] = vae->forward(x, true);
            // W · MSE + KL, as the reference (the KL is summed over latents, averaged over rows).
            auto kl = -0.5 * torch::mean(torch::sum(1 + lv - m * m - torch::exp(lv), 1));
            auto loss = w * torch::mse_loss(r, x) + kl;
            optimizer.zero_grad();
            loss.backward();
            torch::nn::utils::clip_grad_norm_(vae->parameters(), config.vaeGradClip);
            optimizer.step();
            sum += loss.item<double>() * static_cast<double>(count);
            ++done;
            if ((done & 31) == 0 && tick &&
                !tick(static_cast<double>(done) / static_cast<double>(total))) {
                return false;
            }
        }
        epochLoss.push_back(sum / static_cast<double>(n));
    }
    vae->eval();
    return true;
}

VaeErrors vaeErrors(Vae& vae, const PreparedSeries& series, const EngineConfig& config)
{
    torch::InferenceMode guard;
    const int w = config.window;
    const int c = series.channels;
    const std::int64_t n = series.length - w + 1;
    const int rows = config.vaeRewardRows > 0 ? config.vaeRewardRows : w;
    VaeErrors e;
    e.total.resize(n);
    e.perChannel.resize(n, c);
    e.newest.resize(n);
    auto values = torch::from_blob(const_cast<float*>(series.scaled.data()), {series.length * c},
                                   torch::kFloat32);
    // Window r starts at element r*C and spans W*C elements: a strided view, no copy.
    auto windows = values.as_strided({n, static_cast<std::int64_t>(w) * c}, {c, 1});
    const std::int64_t chunk = std::max(1, config.scoreChunk);
    for (std::int64_t start = 0; start < n; start += chunk) {
        const std::int64_t count = std::min(chunk, n - start);
        auto x = windows.narrow(0, start, count);
        auto r = std::get<0>(vae->forward(x, false));
        auto sq = (r - x).pow(2).view({count, w, c});
        auto total = sq.mean({1, 2}).contiguous();
        auto per = sq.mean(1).contiguous();
        auto newest = sq.narrow(1, w - rows, rows).mean({1, 2}).contiguous();
        const float* tp = total.data_ptr<float>();
        const float* pp = per.data_ptr<float>();
        const float* np = newest.data_ptr<float>();
        for (std::int64_t k = 0; k < count; ++k) {
            e.total(start + k) = tp[k];
            e.newest(start + k) = np[k];
            for (int j = 0; j < c; ++j) {
                e.perChannel(start + k, j) = pp[k * c + j];
            }
        }
    }
    return e;
}

} // namespace vigil::core::ml
