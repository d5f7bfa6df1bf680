"""KP109's judgement of a loss trajectory (pure numpy)."""

import math

import numpy as np

from kerlint.probe.measure import judge_loss_trajectory


def test_a_converging_noisy_loss_is_neither_diverging_nor_oscillating():
    rng = np.random.default_rng(0)
    losses = [2.3 * math.exp(-i / 30) + 0.01 + abs(rng.normal(0, 0.02)) for i in range(200)]
    symptom = judge_loss_trajectory(losses, {})
    assert symptom.measured and not symptom.observed
    # per-batch noise flips sign about two times in three; window means of a falling loss do not
    assert symptom.evidence["sign_change_fraction"] < 0.5


def test_a_loss_that_climbs_back_to_several_times_its_minimum_diverges():
    losses = [2.3 * 0.97 ** i for i in range(50)] + [0.5 * 1.05 ** i for i in range(50)]
    symptom = judge_loss_trajectory(losses, {})
    assert symptom.observed and symptom.evidence["diverging"]
    assert symptom.evidence["rise_factor"] >= 2


def test_a_loss_swinging_between_two_levels_oscillates():
    losses = [2.0 + (1.0 if (i // 5) % 2 else 0.0) for i in range(100)]
    symptom = judge_loss_trajectory(losses, {})
    assert symptom.observed and symptom.evidence["oscillating"]
    assert not symptom.evidence["diverging"]


def test_nan_loss_counts_as_divergence_and_short_runs_are_not_judged():
    assert judge_loss_trajectory([2.3, 5.0, float("nan")], {}).observed
    assert not judge_loss_trajectory([2.3] * 10, {}).measured


def test_thresholds_can_be_overridden():
    losses = [2.3 * 0.97 ** i for i in range(50)] + [0.5 * 1.02 ** i for i in range(50)]
    assert judge_loss_trajectory(losses, {}).observed
    assert not judge_loss_trajectory(losses, {"divergence_factor": 10.0}).observed


def test_one_noisy_window_above_a_low_minimum_is_not_divergence():
    # a falling regression loss with large batch noise (targets in the hundreds, 50 samples): one window
    # doubles the lowest one by chance, but the last window is within noise of that minimum
    rng = np.random.default_rng(1)
    losses = [max(1.0, 1400 * math.exp(-i / 25) + 150 + rng.normal(0, 120)) for i in range(200)]
    losses[-30:] = [150 + 60 * ((i % 2) * 2 - 1) + rng.normal(0, 40) for i in range(30)]
    symptom = judge_loss_trajectory(losses, {})
    assert symptom.evidence["loss_fell"] and not symptom.observed, symptom.evidence
    # the same run climbing for good at the end does diverge
    climbing = losses[:170] + [150 + 40 * i for i in range(30)]
    assert judge_loss_trajectory(climbing, {}).evidence["diverging"]


def test_a_loss_that_fell_to_zero_and_flickers_is_not_oscillating():
    """A conv net on easy data: 35 -> 0 within 8 steps, then exact zeros with a blip now and then. The
    steep fall makes the first quarter's spread so large that the net change is under 3 standard errors,
    and the all-zero windows make the batch noise 0, so relative to its own tiny level the flicker looks
    like a swing; against a tenth of where the loss started it is nothing."""
    rng = np.random.default_rng(0)
    blips = [float(rng.choice([0.0] * 12 + [0.003, 0.005])) for _ in range(192)]
    symptom = judge_loss_trajectory([35 * 0.5 ** i for i in range(8)] + blips, {})
    assert abs(symptom.evidence["net_change_z"]) < 3 and not symptom.evidence["loss_fell"]
    assert symptom.measured and not symptom.observed, symptom.evidence
    # bursts back near the starting level after the same fall (Adam at 3.0 on batches of 1) do oscillate
    spikes = [(25.0 if ((8 + i) // 10) % 2 else 0.0) + float(rng.uniform(0, 1)) for i in range(192)]
    unstable = judge_loss_trajectory([35 * 0.5 ** i for i in range(8)] + spikes, {})
    assert unstable.observed and unstable.evidence["oscillating"], unstable.evidence
