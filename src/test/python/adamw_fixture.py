"""Writes src/test/resources/train/adamw_torch.json, the reference for AdamWTorchFixtureTest.

Run from the repository root:  /usr/bin/python3 src/test/python/adamw_fixture.py
(made with Debian's python3-torch 1.13). Two parameters, weight (3, 4) in the decay group and
bias (4,) in the no-decay group, MAE betas (0.9, 0.95), 4 steps with given gradients and
learning rates; before each step the gradients are clipped with clip_grad_norm_(max_norm=1.0)
and the returned norm is recorded.
"""
import json

import torch

torch.manual_seed(0)
weight = torch.nn.Parameter(torch.randn(3, 4))
bias = torch.nn.Parameter(torch.randn(4))
init = {"weight": weight.detach().flatten().tolist(), "bias": bias.detach().flatten().tolist()}
opt = torch.optim.AdamW(
    [{"params": [weight], "weight_decay": 0.05}, {"params": [bias], "weight_decay": 0.0}],
    lr=1e-3, betas=(0.9, 0.95), eps=1e-8)
lrs = [1e-2, 2e-2, 1.5e-2, 5e-3]
grads, norms = [], []
for lr in lrs:
    gw = torch.randn(3, 4) * 0.7
    gb = torch.randn(4) * 0.7
    grads.append({"weight": gw.flatten().tolist(), "bias": gb.flatten().tolist()})
    weight.grad = gw.clone()
    bias.grad = gb.clone()
    norms.append(float(torch.nn.utils.clip_grad_norm_([weight, bias], max_norm=1.0)))
    for g in opt.param_groups:
        g["lr"] = lr
    opt.step()
state = opt.state
out = {
    "weight_decay": 0.05, "betas": [0.9, 0.95], "eps": 1e-8, "max_norm": 1.0,
    "lrs": lrs, "init": init, "grads": grads, "norms_before_clip": norms,
    "final": {"weight": weight.detach().flatten().tolist(), "bias": bias.detach().flatten().tolist()},
    "exp_avg": {"weight": state[weight]["exp_avg"].flatten().tolist(), "bias": state[bias]["exp_avg"].flatten().tolist()},
    "exp_avg_sq": {"weight": state[weight]["exp_avg_sq"].flatten().tolist(),
                   "bias": state[bias]["exp_avg_sq"].flatten().tolist()},
    "torch_version": torch.__version__,
}
with open("src/test/resources/train/adamw_torch.json", "w") as f:
    json.dump(out, f, indent=1)
