#!/usr/bin/env python3
"""Makes src/test/resources/fixtures/mae_tiny.npz, the numeric reference for MaeModelFixtureTest.

Run from the repository root with the Debian torch (1.13) + numpy, no timm needed:

    /usr/bin/python3 src/test/python/make_mae_fixture.py

The reference model below restates facebookresearch/mae `models_mae.py` (MaskedAutoencoderViT,
built from timm 0.3.2 PatchEmbed / Attention / Mlp / Block, LayerNorm eps 1e-6) and
`util/pos_embed.py` in plain torch, with one change: `random_masking` takes the noise as an
argument instead of drawing it, so the Java test can replay the same masks.

Tiny shape: img 32, patch 8 (N = 16), in_chans 3, embed 32, depth 2, heads 2, mlp_ratio 4,
decoder 16 wide, 1 block, 2 heads, mask ratio 0.75 (L = 4), batch 2.

Weights: the official initialisation, then every parameter is perturbed (non-zero biases, LayerNorm
weights away from 1, larger tokens) so that each one influences the outputs, and rounded to
bfloat16-representable float32 values (so the npz compresses). Images are N(0, 1), rounded the same
way. The forward runs in float64; results are stored as float32 (indices as int64).

Keys: every parameter under its official name, pos_embed, decoder_pos_embed, imgs, noise,
ids_shuffle, ids_restore, mask, latent (masked encoder output), pred, loss, loss_per_sample,
loss_npl, loss_per_sample_npl (norm_pix_loss=True; pred does not depend on it), latent_full and
attn_full_0 (the unmasked encoder: tokens after the final norm and layer-0 attention probabilities).
"""
import os

import numpy as np
import torch
import torch.nn as nn

IMG, PATCH, CHANS = 32, 8, 3
EMBED, DEPTH, HEADS = 32, 2, 2
DEC_EMBED, DEC_DEPTH, DEC_HEADS = 16, 1, 2
MLP_RATIO, MASK_RATIO, BATCH = 4.0, 0.75, 2
OUT = os.path.join("src", "test", "resources", "fixtures", "mae_tiny.npz")


# ---- util/pos_embed.py -------------------------------------------------------------------------
def sincos_1d(dim, pos):
    omega = np.arange(dim // 2, dtype=np.float64)
    omega /= dim / 2.0
    omega = 1.0 / 10000 ** omega  # (D/2,)
    out = np.einsum("m,d->md", pos.reshape(-1), omega)  # (M, D/2)
    return np.concatenate([np.sin(out), np.cos(out)], axis=1)  # (M, D)


def sincos_2d(dim, grid_size, cls_token):
    grid_h = np.arange(grid_size, dtype=np.float32)
    grid_w = np.arange(grid_size, dtype=np.float32)
    grid = np.stack(np.meshgrid(grid_w, grid_h), axis=0).reshape([2, 1, grid_size, grid_size])  # w first
    emb = np.concatenate([sincos_1d(dim // 2, grid[0]), sincos_1d(dim // 2, grid[1])], axis=1)
    if cls_token:
        emb = np.concatenate([np.zeros([1, dim]), emb], axis=0)
    return emb


# ---- timm 0.3.2 blocks -------------------------------------------------------------------------
class PatchEmbed(nn.Module):
    def __init__(self):
        super().__init__()
        self.num_patches = (IMG // PATCH) ** 2
        self.proj = nn.Conv2d(CHANS, EMBED, kernel_size=PATCH, stride=PATCH)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class Attention(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=True)
        self.proj = nn.Linear(dim, dim)
        self.last_attn = None

    def forward(self, x):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.num_heads, C // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1)) * self.scale
        attn = attn.softmax(dim=-1)
        self.last_attn = attn.detach()
        x = (attn @ v).transpose(1, 2).reshape(B, N, C)
        return self.proj(x)


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, num_heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, int(dim * MLP_RATIO))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


# ---- models_mae.py -----------------------------------------------------------------------------
class MaeReference(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch_embed = PatchEmbed()
        n = self.patch_embed.num_patches
        self.cls_token = nn.Parameter(torch.zeros(1, 1, EMBED))
        self.pos_embed = nn.Parameter(torch.zeros(1, n + 1, EMBED), requires_grad=False)
        self.blocks = nn.ModuleList([Block(EMBED, HEADS) for _ in range(DEPTH)])
        self.norm = nn.LayerNorm(EMBED, eps=1e-6)
        self.decoder_embed = nn.Linear(EMBED, DEC_EMBED, bias=True)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, DEC_EMBED))
        self.decoder_pos_embed = nn.Parameter(torch.zeros(1, n + 1, DEC_EMBED), requires_grad=False)
        self.decoder_blocks = nn.ModuleList([Block(DEC_EMBED, DEC_HEADS) for _ in range(DEC_DEPTH)])
        self.decoder_norm = nn.LayerNorm(DEC_EMBED, eps=1e-6)
        self.decoder_pred = nn.Linear(DEC_EMBED, PATCH ** 2 * CHANS, bias=True)
        self.norm_pix_loss = False
        self.initialize_weights()

    def initialize_weights(self):
        g = int(self.patch_embed.num_patches ** 0.5)
        self.pos_embed.data.copy_(torch.from_numpy(sincos_2d(EMBED, g, True)).float().unsqueeze(0))
        self.decoder_pos_embed.data.copy_(torch.from_numpy(sincos_2d(DEC_EMBED, g, True)).float().unsqueeze(0))
        w = self.patch_embed.proj.weight.data
        torch.nn.init.xavier_uniform_(w.view([w.shape[0], -1]))
        torch.nn.init.normal_(self.cls_token, std=0.02)
        torch.nn.init.normal_(self.mask_token, std=0.02)
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Linear):
            torch.nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.constant_(m.bias, 0)
        elif isinstance(m, nn.LayerNorm):
            nn.init.constant_(m.bias, 0)
            nn.init.constant_(m.weight, 1.0)

    def patchify(self, imgs):
        p = PATCH
        h = w = imgs.shape[2] // p
        x = imgs.reshape(shape=(imgs.shape[0], CHANS, h, p, w, p))
        x = torch.einsum("nchpwq->nhwpqc", x)
        return x.reshape(shape=(imgs.shape[0], h * w, p ** 2 * CHANS))

    def random_masking(self, x, mask_ratio, noise):
        N, L, D = x.shape
        len_keep = int(L * (1 - mask_ratio))
        ids_shuffle = torch.argsort(noise, dim=1)  # ascend: small is keep, large is remove
        ids_restore = torch.argsort(ids_shuffle, dim=1)
        ids_keep = ids_shuffle[:, :len_keep]
        x_masked = torch.gather(x, dim=1, index=ids_keep.unsqueeze(-1).repeat(1, 1, D))
        mask = torch.ones([N, L], dtype=x.dtype)
        mask[:, :len_keep] = 0
        mask = torch.gather(mask, dim=1, index=ids_restore)
        return x_masked, mask, ids_restore, ids_shuffle

    def forward_encoder(self, x, mask_ratio, noise):
        x = self.patch_embed(x)
        x = x + self.pos_embed[:, 1:, :]
        if noise is not None:
            x, mask, ids_restore, ids_shuffle = self.random_masking(x, mask_ratio, noise)
        else:
            mask = ids_restore = ids_shuffle = None
        cls_token = self.cls_token + self.pos_embed[:, :1, :]
        x = torch.cat((cls_token.expand(x.shape[0], -1, -1), x), dim=1)
        for blk in self.blocks:
            x = blk(x)
        return self.norm(x), mask, ids_restore, ids_shuffle

    def forward_decoder(self, x, ids_restore):
        x = self.decoder_embed(x)
        mask_tokens = self.mask_token.repeat(x.shape[0], ids_restore.shape[1] + 1 - x.shape[1], 1)
        x_ = torch.cat([x[:, 1:, :], mask_tokens], dim=1)
        x_ = torch.gather(x_, dim=1, index=ids_restore.unsqueeze(-1).repeat(1, 1, x.shape[2]))
        x = torch.cat([x[:, :1, :], x_], dim=1)
        x = x + self.decoder_pos_embed
        for blk in self.decoder_blocks:
            x = blk(x)
        x = self.decoder_pred(self.decoder_norm(x))
        return x[:, 1:, :]

    def forward_loss(self, imgs, pred, mask):
        """Returns (loss, per-sample loss); the official code returns the first only."""
        target = self.patchify(imgs)
        if self.norm_pix_loss:
            mean = target.mean(dim=-1, keepdim=True)
            var = target.var(dim=-1, keepdim=True)
            target = (target - mean) / (var + 1.0e-6) ** 0.5
        loss = ((pred - target) ** 2).mean(dim=-1)  # (B, N)
        return (loss * mask).sum() / mask.sum(), (loss * mask).sum(1) / mask.sum(1)


def bf16(t):
    return t.to(torch.bfloat16).to(t.dtype)


def main():
    torch.manual_seed(20240607)
    model = MaeReference()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "pos_embed" in name:
                continue
            if name.endswith("token"):
                p.normal_(0.0, 0.5)
            elif "norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * torch.randn_like(p))
            elif name.endswith("bias"):
                p.normal_(0.0, 0.1)
            else:
                p.add_(0.02 * torch.randn_like(p))
            p.copy_(bf16(p))
    imgs = bf16(torch.randn(BATCH, CHANS, IMG, IMG))
    noise = torch.rand(BATCH, (IMG // PATCH) ** 2)

    model = model.double()
    model.eval()
    out = {}
    for name, t in model.state_dict().items():
        out[name] = t.float().numpy()
    with torch.no_grad():
        x = imgs.double()
        latent, mask, ids_restore, ids_shuffle = model.forward_encoder(x, MASK_RATIO, noise)
        pred = model.forward_decoder(latent, ids_restore)
        loss, loss_ps = model.forward_loss(x, pred, mask)
        model.norm_pix_loss = True
        loss_npl, loss_ps_npl = model.forward_loss(x, pred, mask)
        latent_full, _, _, _ = model.forward_encoder(x, MASK_RATIO, None)
        attn_full_0 = model.blocks[0].attn.last_attn

    out.update(
        imgs=imgs.numpy(),
        noise=noise.numpy(),
        ids_shuffle=ids_shuffle.numpy().astype(np.int64),
        ids_restore=ids_restore.numpy().astype(np.int64),
        mask=mask.float().numpy(),
        latent=latent.float().numpy(),
        pred=pred.float().numpy(),
        loss=np.float32(loss.item()),
        loss_per_sample=loss_ps.float().numpy(),
        loss_npl=np.float32(loss_npl.item()),
        loss_per_sample_npl=loss_ps_npl.float().numpy(),
        latent_full=latent_full.float().numpy(),
        attn_full_0=attn_full_0.float().numpy(),
    )
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    np.savez_compressed(OUT, **out)
    print("wrote", OUT, os.path.getsize(OUT), "bytes; loss", loss.item(), "loss_npl", loss_npl.item())


if __name__ == "__main__":
    main()
