#!/usr/bin/env python3
"""svg-fixtures.py OUTDIR: writes the matplotlib fixtures of testdata/svg.

Charts as matplotlib writes them for the web: text as <text> (svg.fonttype
'none'), markers through <defs>/<use>, clip paths, a fixed hash salt and no
date, so that the same matplotlib writes the same bytes. Needs
python3-matplotlib (Debian)."""
import sys, os
import numpy as np
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt

matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "galley", "font.family": "DejaVu Sans"})
out = sys.argv[1]
rng = np.random.default_rng(7)
meta = {"Date": None}

def save(fig, name):
    fig.savefig(os.path.join(out, name), format="svg", metadata=meta)
    plt.close(fig)

# a line chart with a legend, grid and axis titles
x = np.linspace(0, 10, 200)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(x, np.sin(x), label="sin x", color="tab:blue", linewidth=2)
ax.plot(x, np.cos(x), "--", label="cos x", color="tab:orange")
ax.set_xlabel("time (s)"); ax.set_ylabel("amplitude"); ax.set_title("Two waves")
ax.grid(True, alpha=0.4); ax.legend(loc="upper right")
save(fig, "mpl-line.svg")

# a bar chart with rotated labels
langs = ["Rust", "Go", "Python", "C++", "Java", "Zig"]
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.bar(langs, [42, 35, 60, 28, 30, 8], color=["#b7410e", "#00add8", "#3776ab", "#00599c", "#e76f00", "#f7a41d"])
ax.set_ylabel("share (%)"); ax.set_title("Languages used")
plt.setp(ax.get_xticklabels(), rotation=45, ha="right")
fig.tight_layout()
save(fig, "mpl-bars.svg")

# a scatter plot of two groups with transparency
fig, ax = plt.subplots(figsize=(5, 4))
for name, mu, colour in (("group A", 0, "tab:green"), ("group B", 1.5, "tab:purple")):
    ax.scatter(rng.normal(mu, 1, 150), rng.normal(mu, 1, 150), s=20, alpha=0.6, color=colour, label=name)
ax.legend(); ax.set_title("Scatter")
save(fig, "mpl-scatter.svg")

# a pie chart with percentages
fig, ax = plt.subplots(figsize=(4.5, 4.5))
ax.pie([35, 25, 20, 20], labels=["Daily", "Weekly", "Monthly", "Rarely"], autopct="%1.0f%%", startangle=90,
       colors=["#4c72b0", "#dd8452", "#55a868", "#c44e52"])
ax.set_title("How often")
save(fig, "mpl-pie.svg")

# a histogram and a log plot side by side
fig, (a1, a2) = plt.subplots(1, 2, figsize=(7, 3))
a1.hist(rng.normal(size=2000), bins=30, color="#6a5acd", edgecolor="white")
a1.set_title("Histogram")
n = np.arange(1, 50)
a2.semilogy(n, 2.0 ** (n / 4), marker="o", markersize=3)
a2.set_title("Growth (log)")
fig.tight_layout()
save(fig, "mpl-hist-log.svg")

# a stacked area chart with fills between lines and an annotation
fig, ax = plt.subplots(figsize=(6, 3.5))
t = np.arange(2015, 2026)
a, b = 10 + t % 7, 5 + (t * 3) % 5
ax.stackplot(t, a, b, labels=["stable", "nightly"], colors=["#8dd3c7", "#fb8072"])
ax.annotate("release", xy=(2020, 14), xytext=(2017, 20), arrowprops={"arrowstyle": "->"})
ax.legend(loc="upper left"); ax.set_xlim(2015, 2025)
save(fig, "mpl-stacked.svg")
