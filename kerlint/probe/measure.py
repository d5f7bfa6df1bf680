"""The probe's measurements: symptoms KP101-KP112 on the script's real model and data (SPEC.md table).

`run_measurements` runs the stages in order (data checks, loss at initialisation, gradients,
activations, a short training run on a copy, the overfit-a-small-batch test). Each stage is isolated:
if one fails on an unusual model, its symptoms are reported as not measured, with the reason, and the
other stages still run. Runs in the child process; TensorFlow is imported by the caller's script.
"""

from __future__ import annotations

import math
import time

import numpy as np

from kerlint.probe import data_checks
from kerlint.probe import model_tools as mt
from kerlint.probe.evidence import DEFAULT_THRESHOLDS, Symptom, num
from kerlint.probe.fitdata import FitData, leaves, num_samples, take

__all__ = ["DEFAULT_THRESHOLDS", "ModelFailed", "Probe", "judge_loss_trajectory", "run_measurements"]

GRADIENT_BATCHES = 3
NO_CALL = ("the model has no call() (its own train_step drives its sub-models, as in a VAE or GAN): only "
           "the loss its train_step logs can be measured")
ACTIVATION_SAMPLES = 128
PREDICTION_SAMPLES = 256
TIME_LIMITED_SAMPLES = 64  # for the statistics after a training run the time budget cut short


class ModelFailed(Exception):
    """The script's model raised when called on the first training batch: fit()'s own first step fails the
    same way, so this is the script's error (exit 3), not the probe's."""

    def __init__(self, error: Exception):
        super().__init__(f"{type(error).__name__}: {error}")
        self.error = error


class Probe:
    def __init__(self, model, data: FitData, *, max_steps: int, seed: int, thresholds: dict, progress,
                 deadline: float | None = None):
        self.model = model
        self.deadline = deadline  # time.monotonic() by which the results must be sent (--timeout)
        self.time_limited: list[str] = []  # stages the deadline cut short
        self.data = data
        self.max_steps = max_steps
        self.t = {**DEFAULT_THRESHOLDS, **thresholds}
        self.progress = progress
        self.rng = np.random.default_rng(seed)
        self.loss = mt.loss_info(model)
        self.symptoms: dict[str, Symptom] = {}
        self.curves: dict = {}
        self.steps = 0
        self.timings: dict[str, float] = {}
        self.imbalanced = False  # set by the label check; KP106's ln C assumes balanced classes
        self.loss0: float | None = None  # the loss at initialisation, once measured
        self.training_losses: list[float] = []  # per step of the short training run
        self.first_batch = take(data.x, slice(0, min(data.batch_size, num_samples(data.x))))
        try:
            outputs = leaves(model(self.first_batch, training=False))  # also builds a model with no Input yet
            self.predicts = True
        except NotImplementedError:  # no call(): a VAE or GAN whose own train_step drives its sub-models
            outputs, self.predicts = [], False
        except Exception as exc:  # noqa: BLE001 - the script's model fails on its own data, as fit() would
            raise ModelFailed(exc) from exc
        if self.loss.units is None and len(outputs) == 1:  # subclassed models have no symbolic outputs
            self.loss.units = int(outputs[0].shape[-1])
        self.initial_weights = model.get_weights()

    def _stop_time(self, share: float) -> float:
        """When a training loop must stop so later stages and the report still fit before the deadline."""
        if self.deadline is None:
            return math.inf
        now = time.monotonic()
        return now + share * max(self.deadline - now, 0.0)

    def _samples(self, wanted: int) -> int:
        """Samples for a forward pass: fewer once the time budget has cut the training run short (a
        pass over 256 large images can take seconds on a CPU)."""
        return min(wanted, TIME_LIMITED_SAMPLES) if self.time_limited else wanted

    def _fresh_copy(self):
        """A compiled copy at the initial weights; accuracy is tracked only for classification losses."""
        classification = self.loss.classification
        return mt.fresh_copy(self.model, self.initial_weights, self.first_batch,
                             metrics=("accuracy",) if classification else ())

    # -- driver -------------------------------------------------------------------------------
    def run(self) -> dict:
        training_run = f"short training run (≤{self.max_steps} steps)"
        stages = [
            ("checking data", self.check_data, ("KP110", "KP111", "KP112")),
            ("loss at initialisation", self.check_initial_loss, ("KP106",)),
            ("gradient norms", self.check_gradients, ("KP101", "KP102")),
            ("activation statistics", self.check_activations_at_init, ("KP104", "KP105")),
            (training_run, self.check_training_run, ("KP103", "KP108", "KP109", "KP114")),
            ("overfit-a-small-batch test", self.check_overfit, ("KP107",)),
        ]
        if not self.predicts:  # only what the model's own train_step reports can be measured
            for _, _, codes in stages[1:]:
                for code in codes:
                    self.symptoms[code] = Symptom(code, measured=False, reason=NO_CALL)
            stages = [stages[0], (training_run, self.check_own_training_steps, ("KP103", "KP109"))]
        for label, stage, codes in stages:
            self.progress(label)
            started = time.monotonic()
            try:
                stage()
            except Exception as exc:  # noqa: BLE001 - one stage failing must not hide the others
                reason = f"could not measure: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                for code in codes:
                    if code not in self.symptoms:
                        self.symptoms[code] = Symptom(code, measured=False, reason=reason)
            self.timings[label] = round(time.monotonic() - started, 3)
        self.symptoms["KP113"] = data_checks.unusable_training_data(self.data)  # checked before: not observed
        symptoms = [self.symptoms[c].to_dict() for c in sorted(self.symptoms)]
        return {"symptoms": symptoms, "curves": self.curves, "steps": self.steps, "timings": self.timings,
                "model": self.model_summary(), "time_limited_stages": self.time_limited}

    def model_summary(self) -> dict:
        return {"name": getattr(self.model, "name", ""), "class": type(self.model).__name__,
                "layers": len(mt.all_layers(self.model)), "weight_layers": len(mt.weight_layers(self.model)),
                "loss": self.loss.name, "task": self.loss.kind, "from_logits": self.loss.from_logits,
                "output_units": self.loss.units, "output_activation": mt.output_activation(self.model),
                "batch_size": self.data.batch_size,
                "data_source": self.data.source, "sample_size": num_samples(self.data.x),
                "samples_available": self.data.available, "shuffled": self.data.shuffle,
                "optimizer": _optimizer_summary(self.model)}

    # -- data: KP110, KP111, KP112 (data_checks.py) ------------------------------------------------
    def check_data(self) -> None:
        self.symptoms["KP112"] = data_checks.non_finite_inputs(self.data)
        self.symptoms["KP110"] = data_checks.input_range(self.data, self.model, self.first_batch, self.t)
        # the sample is in fit's batch order unless fit shuffles arrays itself
        in_order = not (self.data.source == "arrays" and self.data.shuffle)
        self.symptoms["KP111"], self.imbalanced = data_checks.label_problems(
            self.data.y, self.loss, self.t, self.data.batch_size, in_order, mt.output_activation(self.model))

    # -- KP106: loss at initialisation ------------------------------------------------------------
    def check_initial_loss(self) -> None:
        losses = self._batch_losses(self.model, batches=4)
        loss0 = float(np.mean(losses))
        self.loss0 = loss0
        self.curves["initial_loss"] = num(loss0)
        if not self.loss.classification or self.loss.units is None:
            reason = (f"not a classification loss ({self.loss.name})" if self.loss.units is not None
                      else "the model has several outputs")
            self.symptoms["KP106"] = Symptom("KP106", measured=False, evidence={"loss_at_init": num(loss0)},
                                             reason=reason)
            return
        if self.imbalanced:
            self.symptoms["KP106"] = Symptom("KP106", measured=False, evidence={"loss_at_init": num(loss0)},
                                             reason="classes are imbalanced, ln C is not the expected loss")
            return
        # softmax over C classes starts near ln C; a sigmoid unit (binary, or each label of a multi-label
        # output: Keras averages binary crossentropy over the labels) starts near ln 2
        classes = 2 if self.loss.kind == "binary" else max(self.loss.units, 2)
        expected = math.log(classes)
        off = abs(loss0 - expected) if math.isfinite(loss0) else float("inf")
        evidence = {"loss_at_init": num(loss0), "expected_ln_c": num(expected), "classes": classes,
                    "abs_difference": num(off), "task": self.loss.task}
        if _uses_batch_statistics(self.model):
            # at initialisation the moving averages are mean 0 / variance 1, so inference mode normalises
            # nothing (a deep BN ResNet's logits run into the hundreds); training mode normalises with the
            # batch, as the first steps do. The mode closer to ln C is judged (a BN + He model starts near
            # 5 against ln 10 in training mode, and near ln 10 in inference mode when it is shallow).
            training_loss = float(np.mean(self._batch_losses(self.model, batches=4, training=True)))
            training_off = abs(training_loss - expected) if math.isfinite(training_loss) else float("inf")
            evidence.update(loss_at_init_training_mode=num(training_loss), mode="inference")
            if training_off < off:
                off, evidence["mode"] = training_off, "training"
                evidence["abs_difference"] = num(off)
        limit = self.t["init_loss_excess"] * expected
        evidence["threshold"] = num(limit)
        self.symptoms["KP106"] = Symptom("KP106", observed=off >= limit, evidence=evidence)

    def _batch_losses(self, model, batches: int, training: bool = False) -> list[float]:
        """The compiled loss in inference mode, as model.evaluate() would report it before training, or in
        training mode (batch statistics; the model's weights, moving averages included, are restored)."""
        weights = model.get_weights() if training else None
        out = []
        for xb, yb in self._batches(batches):
            y_pred = model(xb, training=training)
            out.append(float(mt.compiled_loss(model, xb, yb, y_pred, training=training)))
        if weights is not None:
            model.set_weights(weights)
        return out

    def _batches(self, count: int):
        n, size = num_samples(self.data.x), self.data.batch_size
        for i in range(min(count, max(1, n // size))):
            index = slice(i * size, min((i + 1) * size, n))
            yield take(self.data.x, index), (take(self.data.y, index) if self.data.y is not None else None)

    # -- KP101 / KP102: gradient norms per weight layer -------------------------------------------
    def check_gradients(self) -> None:
        import tensorflow as tf

        copy = self._fresh_copy()
        layers = mt.weight_layers(copy)
        variables = [mt.kernel_variables(layer) for layer in layers]
        flat = [v for group in variables for v in group]
        totals = np.zeros(len(layers))
        for xb, yb in self._batches(GRADIENT_BATCHES):
            with tf.GradientTape() as tape:
                y_pred = copy(xb, training=True)
                loss = mt.compiled_loss(copy, xb, yb, y_pred, training=True)
            grads = tape.gradient(loss, flat)
            i = 0
            for li, group in enumerate(variables):
                squares = 0.0
                for g in grads[i:i + len(group)]:
                    squares += 0.0 if g is None else float(tf.reduce_sum(tf.square(tf.cast(g, tf.float32))))
                totals[li] += math.sqrt(squares) if math.isfinite(squares) else float("inf")
                i += len(group)
        norms = totals / GRADIENT_BATCHES
        names = [layer.name for layer in layers]
        self.curves["gradient_norms"] = [{"layer": n, "norm": num(v)} for n, v in zip(names, norms)]
        if len(norms) < 2:
            reason = "fewer than two weight layers"
            self.symptoms["KP101"] = Symptom("KP101", measured=False, reason=reason)
            self.symptoms["KP102"] = Symptom("KP102", measured=False, reason=reason)
            return
        first, last = float(norms[0]), float(norms[-1])
        finite = bool(np.all(np.isfinite(norms)))
        # no gradient at all (a softmax over one unit, an all-zero output layer): nothing vanishes or
        # explodes between the layers, there is simply no learning signal, and 0/0 is no ratio
        zero = finite and float(np.max(norms)) == 0.0
        ratio = first / last if last > 0 else (0.0 if zero else float("inf"))
        common = {"first_layer": names[0], "last_layer": names[-1], "first_layer_norm": num(first),
                  "last_layer_norm": num(last), "ratio_first_last": num(ratio) if not zero else "0/0",
                  "max_layer_norm": num(np.max(norms)), "batches": GRADIENT_BATCHES, "zero_gradients": zero}
        self.symptoms["KP101"] = Symptom("KP101", observed=finite and ratio < self.t["vanishing_ratio"], evidence={
            **common, "threshold_ratio": self.t["vanishing_ratio"],
            "first_layer_below_autotrainer_beta2": first < self.t["vanishing_first_norm"]})
        # a squared error's gradients scale with the targets (targets in thousands: norms in millions), so
        # for regression only the first/last ratio counts; a crossentropy's gradients are bounded by design
        absolute = self.loss.task != "regression"
        exploding = (not finite) or (not zero and ratio > self.t["exploding_ratio"]) or (
            absolute and np.max(norms) > self.t["exploding_norm"])
        self.symptoms["KP102"] = Symptom("KP102", observed=bool(exploding), evidence={
            **common, "non_finite_gradients": not finite, "threshold_ratio": self.t["exploding_ratio"],
            "threshold_norm": self.t["exploding_norm"] if absolute else "not applied (regression)",
            "task": self.loss.task})

    # -- KP104 / KP105: activation statistics -----------------------------------------------------
    def activation_stats(self, model) -> list[dict]:
        """Per hidden activation layer: dead share (ReLU) or saturated share (sigmoid/tanh)."""
        x = take(self.data.x, slice(0, min(self._samples(ACTIVATION_SAMPLES), num_samples(self.data.x))))
        store: dict = {}
        with mt.recording_preactivations(model, store):
            model(x, training=_uses_batch_statistics(model))
        output_block = mt.output_block(model)
        stats = []
        for layer in mt.all_layers(model):
            kind = mt.activation_name(layer)
            recorded = store.get(id(layer))
            if not recorded or id(layer) in output_block:
                continue
            pre = np.asarray(recorded[0], dtype=np.float64)
            if kind in mt.RELU_FAMILY:  # a unit (last axis) is dead when it is <= 0 for every sampled input
                units = pre.reshape(-1, pre.shape[-1]) if pre.ndim >= 2 else pre.reshape(-1, 1)
                stats.append({"layer": layer.name, "activation": kind,
                              "dead_fraction": num(np.mean(np.all(units <= 0, axis=0))),
                              "zero_output_fraction": num(np.mean(pre <= 0)), "units": int(units.shape[1])})
            elif kind in mt.SATURATING:
                bound = self.t["saturation_bound"]
                stats.append({"layer": layer.name, "activation": kind,
                              "saturated_fraction": num(np.mean(np.abs(pre) > bound))})
        return stats

    def check_activations_at_init(self) -> None:
        self.curves["activations_at_init"] = self.activation_stats(self.model)
        self._judge_activations()
        saturation = self.symptoms.get("KP105")
        if "KP110" in self.symptoms and saturation is not None and saturation.measured:
            saturated = bool(saturation.evidence.get("layers_over_threshold_at_init"))
            self.symptoms["KP110"] = data_checks.input_range_given_saturation(self.symptoms["KP110"], saturated,
                                                                             self.t)

    def _judge_activations(self) -> None:
        """KP104/KP105 from the statistics at initialisation and, when available, after training.

        KP104: units that *die* — a layer whose dead share reaches dead_relu_fraction after training having
        risen by dead_relu_rise since initialisation, or that is almost all dead (dead_relu_init_fraction)
        from the start. (With low-dimensional non-negative inputs half of a healthy layer's units can be
        dead at initialisation and stay so: the model still learns with the others.)
        KP105: saturation at initialisation (the inputs or the initialiser drive the units flat before
        any learning), or nearly complete saturation (saturation_after_fraction) after training."""
        phases = {"at_init": self.curves.get("activations_at_init", []),
                  "after_training": self.curves.get("activations_after_training")}
        for code, key, limit, label in (
                ("KP104", "dead_fraction", self.t["dead_relu_fraction"], "ReLU"),
                ("KP105", "saturated_fraction", self.t["saturation_fraction"], "sigmoid/tanh")):
            evidence, any_layer, values = {"threshold": limit}, False, {}
            for phase, stats in phases.items():
                if stats is None:
                    continue
                values[phase] = {s["layer"]: s[key] for s in stats if key in s}
                if not values[phase]:
                    continue
                any_layer = True
                worst = max(values[phase].items(), key=lambda item: item[1])
                evidence[f"worst_layer_{phase}"], evidence[f"worst_fraction_{phase}"] = worst
                evidence[f"layers_over_threshold_{phase}"] = [n for n, v in values[phase].items() if v >= limit]
            init, after = values.get("at_init", {}), values.get("after_training", {})
            if code == "KP104":
                rise = self.t["dead_relu_rise"]
                flagged = [n for n, v in after.items() if v >= limit and v - init.get(n, 0.0) >= rise]
                flagged += [n for n, v in init.items() if v >= self.t["dead_relu_init_fraction"] and n not in flagged]
                evidence.update(rise_threshold=rise, init_threshold=self.t["dead_relu_init_fraction"])
            else:
                flagged = [n for n, v in init.items() if v >= limit]
                flagged += [n for n, v in after.items() if v >= self.t["saturation_after_fraction"]
                            and n not in flagged]
                evidence["after_training_threshold"] = self.t["saturation_after_fraction"]
            evidence["layers_flagged"] = flagged
            if any_layer:
                self.symptoms[code] = Symptom(code, observed=bool(flagged), evidence=evidence)
            else:
                self.symptoms[code] = Symptom(code, measured=False, reason=f"no hidden {label} layers")

    # -- KP103 / KP108 / KP109: short training run on a copy ---------------------------------------
    def check_own_training_steps(self) -> None:
        """KP103 and KP109 for a model without call(): its own train_step on the training data, read from
        the logs it returns, on the model itself (it cannot be cloned or called to compare predictions; no
        stage before this one changes its weights)."""
        self._train_steps(self.model)

    def check_training_run(self) -> None:
        copy = self._fresh_copy()
        accuracies = self._train_steps(copy)
        judged = time.monotonic()
        self.symptoms["KP108"] = self._judged_on_planned_length(self._flat_accuracy(copy, accuracies), self.steps)
        self.symptoms["KP114"] = self._output_distribution(copy)
        self.timings["predictions after training"] = round(time.monotonic() - judged, 3)
        judged = time.monotonic()
        try:
            self.curves["activations_after_training"] = self.activation_stats(copy)
            self._judge_activations()
        except Exception:  # noqa: BLE001 - the at-init statistics still stand
            pass
        self.timings["activations after training"] = round(time.monotonic() - judged, 3)

    def _train_steps(self, copy) -> list[float]:
        """Up to max_steps training steps through the model's train_step, as fit() would batch the data:
        the loss curve (KP103, KP109) and the accuracies the logs report, which it returns. A train_step
        whose logs carry no "loss" leaves KP103 and KP109 unmeasured: the probe never invents a loss."""
        losses, accuracies, steps, logged_loss = [], [], 0, True
        n, size = num_samples(self.data.x), self.data.batch_size
        new_epoch = (lambda: self.rng.permutation(n)) if self.data.shuffle else (lambda: np.arange(n))
        order, position = new_epoch(), 0
        started, stop_at = time.monotonic(), self._stop_time(0.6)
        for _ in range(self.max_steps):
            if time.monotonic() > stop_at:
                self.time_limited.append("training run")
                break
            if position + size > n:
                order, position = new_epoch(), 0
            index = order[position:position + size]
            position += size
            y = take(self.data.y, index) if self.data.y is not None else None
            logs = mt.train_batch(copy, take(self.data.x, index), y)
            steps += 1
            accuracy = _accuracy_from_logs(logs)
            if accuracy is not None:
                accuracies.append(accuracy)
            if "loss" not in logs:
                logged_loss = False
                continue
            losses.append(float(logs["loss"]))
            if not math.isfinite(losses[-1]):
                break
        self.steps = steps
        self.training_losses = losses
        self.curves["loss"] = [num(v) for v in losses]
        self.curves["accuracy"] = [num(v) for v in accuracies]
        self.curves["seconds_per_step"] = num((time.monotonic() - started) / max(steps, 1))
        if logged_loss:
            self.symptoms["KP103"] = self._non_finite_loss(losses)
            self.symptoms["KP109"] = self._diverging_or_oscillating(losses)
        else:
            for code in ("KP103", "KP109"):
                self.symptoms[code] = Symptom(code, measured=False, reason=_no_logged_loss(logs))
        self.timings["training steps"] = round(time.monotonic() - started, 3)
        return accuracies

    def _non_finite_loss(self, losses: list[float]) -> Symptom:
        """KP103: NaN/Inf, or a blown-up loss. A crossentropy of 1e3 is absurd whatever the data (ln C is a
        few units); a squared error is in the targets' units squared, so regression losses are judged
        against their own value at initialisation instead."""
        values = list(losses) + ([self.loss0] if self.loss0 is not None else [])
        evidence = {"task": self.loss.task}
        if self.loss.classification or self.loss.kind == "unknown":
            limit = self.t["loss_blowup"]
        else:
            base = self.loss0 if self.loss0 is not None and math.isfinite(self.loss0) else (
                losses[0] if losses and math.isfinite(losses[0]) else None)
            limit = self.t["regression_blowup_factor"] * base if base and base > 0 else float("inf")
            evidence["regression_blowup_factor"] = self.t["regression_blowup_factor"]
        bad = [v for v in values if not math.isfinite(v) or v >= limit]
        first_bad = next((i for i, v in enumerate(losses) if not math.isfinite(v) or v >= limit), None)
        return Symptom("KP103", observed=bool(bad), evidence={
            **evidence, "max_loss": num(max(values, key=lambda v: v if math.isfinite(v) else float("inf"))),
            "non_finite_steps": sum(1 for v in losses if not math.isfinite(v)),
            "first_bad_step": first_bad, "threshold": num(limit), "steps": len(losses)})

    def _diverging_or_oscillating(self, losses: list[float]) -> Symptom:
        return judge_loss_trajectory(losses, self.t)

    def _flat_accuracy(self, trained, accuracies: list[float]) -> Symptom:
        evidence = self._prediction_spread(trained)
        constant = evidence["constant_predictions"]
        flat = False
        if len(accuracies) >= 20 and self.loss.task == "single-label":  # element-wise accuracy of multi-label
            # outputs is high from the start (most labels are 0) and says little: their predictions are judged
            head = float(np.mean(accuracies[: max(5, len(accuracies) // 10)]))
            tail = float(np.mean(accuracies[-max(5, len(accuracies) // 4):]))
            flat = tail - head < self.t["flat_accuracy_delta"] and tail < self.t["overfit_accuracy"]
            evidence.update({"accuracy_first_window": num(head), "accuracy_last_window": num(tail),
                             "accuracy_flat": bool(flat)})
        return Symptom("KP108", observed=bool(flat or constant), evidence=evidence)

    def _output_distribution(self, trained) -> Symptom:
        """KP114: a categorical cross-entropy (probabilities expected) on outputs whose rows are not one
        probability distribution. Keras divides each row by its sum inside the loss (categorical) or
        renormalises the logs (sparse), so the loss still trains, but predict() returns numbers that are
        not class probabilities; outputs at or below 0 are clipped to 1e-7 and lose their gradient.
        Read on the same inputs at initialisation and after the short training run."""
        if self.loss.kind not in ("categorical", "sparse") or not (self.loss.units or 0) > 1:
            return Symptom("KP114", measured=False, reason=f"not a categorical cross-entropy over several "
                           f"classes ({self.loss.name}, {self.loss.units} output units)")
        if self.loss.from_logits:
            return Symptom("KP114", measured=False, reason="the loss reads logits (from_logits=True)")
        x = take(self.data.x, slice(0, min(self._samples(PREDICTION_SAMPLES), num_samples(self.data.x))))
        evidence, deviations = {"tolerance": self.t["distribution_tolerance"]}, []
        for stage, model in (("at_init", self.model), ("after_training", trained)):
            scores = np.asarray(leaves(model(x, training=False))[0], dtype=np.float64)
            scores = scores.reshape(-1, scores.shape[-1])
            sums = scores.sum(axis=1)
            deviation = float(np.mean(np.abs(sums - 1.0)))
            deviations.append(deviation)
            evidence.update({f"row_sum_min_{stage}": num(sums.min()), f"row_sum_max_{stage}": num(sums.max()),
                             f"mean_row_sum_deviation_{stage}": num(deviation),
                             f"outputs_at_or_below_0_{stage}": num(float(np.mean(scores <= 0)))})
        return Symptom("KP114", observed=max(deviations) > self.t["distribution_tolerance"], evidence=evidence)

    def _still_learning_short_of_plan(self, steps: int, losses: list[float] | None = None) -> str:
        """Why a "does not learn" verdict (KP107, KP108) cannot be made yet, or "" when it can.

        `losses`: the curve judged (the overfit test's own, or by default the short training run's). Not
        yet when the probe trained fewer than planned_length_share x the steps the script's own fit()
        plans, the curve fell beyond its noise (KP109's net-change test), and its current rate of fall
        (third to last quarter of the curve, so a curve that has levelled off is not extrapolated),
        continued up to the planned length (at most planned_extrapolation_max x the steps run), would
        take it planned_progress (10%) or more below its first-quarter level. A slow learner is judged on
        the training the script asked for; a loss that barely moves (a vanishing-gradient stack falls 3%
        and stays at chance) or has stopped falling keeps the verdict, and so does a run at least as
        long as the plan."""
        planned = self.data.planned_steps
        own = losses is not None
        losses = self.training_losses if losses is None else losses
        if planned is None or steps >= self.t["planned_length_share"] * planned or len(losses) < 20:
            return ""
        trend = judge_loss_trajectory(losses, self.t) if own else self.symptoms.get("KP109")
        if not (trend and trend.measured and trend.evidence.get("loss_fell")):
            return ""
        quarter = max(1, len(losses) // 4)
        head, tail = float(np.mean(losses[:quarter])), float(np.mean(losses[-quarter:]))
        slope = (tail - float(np.mean(losses[-2 * quarter:-quarter]))) / quarter
        horizon = min(planned, self.t["planned_extrapolation_max"] * len(losses)) - len(losses)
        projected = tail + slope * max(horizon, 0)
        if head <= 0 or projected > (1 - self.t["planned_progress"]) * head:
            return ""
        curve = "the overfit test's loss" if own else "the loss"
        return (f"{curve} is still falling ({head:.4g} -> {tail:.4g} over {len(losses)} steps, "
                f"{trend.evidence.get('net_change_z')} standard errors) and the script plans {planned} steps: "
                f"at this rate it would reach {max(projected, 0):.4g}; not judged before the planned length")

    def _judged_on_planned_length(self, symptom: Symptom, steps: int) -> Symptom:
        """KP108 as observed, unless only slow learning is behind it (_still_learning_short_of_plan).
        Exactly constant outputs (a softmax over one unit, an output cut off from its inputs) never
        become different by training longer: that verdict stands."""
        if not symptom.observed or _exactly_constant(symptom):
            return symptom
        planned = self.data.planned_steps
        if "training run" in self.time_limited and (planned is None or steps < planned):
            symptom.evidence.update(planned_steps=planned, time_limited=True)
            return Symptom(symptom.code, measured=False, evidence=symptom.evidence, reason=(
                f"the time budget (--time-budget) stopped the training run after {steps} steps"
                + (f" of the {planned} the script plans" if planned else "")
                + ": one predicted class so early is not a verdict"))
        reason = self._still_learning_short_of_plan(steps)
        if not reason:
            return symptom
        symptom.evidence.update(planned_steps=self.data.planned_steps, still_learning=True)
        return Symptom(symptom.code, measured=False, evidence=symptom.evidence, reason=reason)

    def _defer_flat_accuracy(self, reason: str) -> None:
        """KP108 follows KP107's plan verdict: a model still learning toward the script's planned length
        is not judged flat either (unless its scores are exactly constant, which training cannot change)."""
        flat = self.symptoms.get("KP108")
        if flat is None or not flat.observed or _exactly_constant(flat):
            return
        flat.evidence.update(planned_steps=self.data.planned_steps, still_learning=True)
        self.symptoms["KP108"] = Symptom("KP108", measured=False, evidence=flat.evidence, reason=reason)

    def _prediction_spread(self, model) -> dict:
        """Does the trained copy answer differently for different inputs? (scores, and classes if any)"""
        x = take(self.data.x, slice(0, min(self._samples(PREDICTION_SAMPLES), num_samples(self.data.x))))
        batch_stats = _uses_batch_statistics(model)
        scores = np.asarray(leaves(model(x, training=batch_stats))[0], dtype=np.float64)
        scores = scores.reshape(len(scores), -1)
        spread = float(np.max(np.std(scores, axis=0))) if len(scores) > 1 else 0.0
        evidence = {"score_spread": num(spread), "prediction_mode": "training" if batch_stats else "inference",
                    "task": self.loss.task}
        constant = spread < 1e-6
        if self.loss.task == "multi-label":  # the same label set for every input, while the true sets differ
            cut = 0.0 if self.loss.from_logits else 0.5
            predicted = {tuple(row) for row in (scores > cut).astype(int)}
            truth = self._label_sets(len(scores))
            evidence.update(distinct_predicted_label_sets=len(predicted), true_label_sets_in_sample=truth)
            constant = constant or (len(predicted) == 1 and (truth or 0) > 1)
        elif self.loss.task == "single-label":
            if scores.shape[1] > 1:
                predicted = scores.argmax(axis=1)
            else:
                cut = 0.0 if self.loss.from_logits else 0.5
                predicted = (scores[:, 0] > cut).astype(int)
            distinct = int(len(np.unique(predicted)))
            true_classes = self._true_class_count(len(scores))
            constant = constant or (distinct == 1 and (true_classes or 0) > 1)
            evidence.update(distinct_predicted_classes=distinct, true_classes_in_sample=true_classes)
        evidence["constant_predictions"] = bool(constant)
        return evidence

    def _label_sets(self, n: int):
        y = leaves(self.data.y)
        if len(y) != 1:
            return None
        y = np.asarray(y[0])[:n]
        return len({tuple(row) for row in y.reshape(len(y), -1).round().astype(int)})

    def _true_class_count(self, n: int):
        y = leaves(self.data.y)
        if len(y) != 1:
            return None
        y = np.asarray(y[0])[:n]
        if y.ndim == 2 and y.shape[1] > 1:
            return int(len(np.unique(y.argmax(axis=1))))
        return int(len(np.unique(y.reshape(len(y), -1)[:, 0].round())))

    # -- KP107: overfit a small batch --------------------------------------------------------------
    def _constant_baseline(self, model, x, y) -> float | None:
        """The compiled loss of the best constant prediction on these samples (the per-output mean or
        median of the targets, whichever is lower): what a regression model must beat to have learned."""
        if y is None or len(leaves(y)) != 1:
            return None
        truth = np.asarray(leaves(y)[0], dtype=np.float32)
        shape = tuple(np.asarray(leaves(model(x, training=False))[0]).shape)
        if truth.size != int(np.prod(shape)):
            return None
        truth = truth.reshape(shape)
        out = []
        for centre in (np.mean(truth, axis=0), np.median(truth, axis=0)):
            constant = np.broadcast_to(centre, shape).astype(np.float32)
            out.append(float(mt.compiled_loss(model, x, truth, constant, training=False)))
        return min(out)

    def check_overfit(self) -> None:
        regression = self.loss.task == "regression"
        if not self.loss.classification and not regression:
            self.symptoms["KP107"] = Symptom("KP107", measured=False,
                                             reason=f"needs a classification or regression loss, not {self.loss.name}")
            return
        count = int(self.t["overfit_samples"])
        x = take(self.data.x, slice(0, count))
        y = take(self.data.y, slice(0, count)) if self.data.y is not None else None
        copy = self._fresh_copy()
        baseline = self._constant_baseline(copy, x, y) if regression else None
        if regression and not (baseline and math.isfinite(baseline) and baseline > 0):
            self.symptoms["KP107"] = Symptom("KP107", measured=False, evidence={"constant_baseline_loss": baseline},
                                             reason="the targets of the samples are constant or not one array")
            return
        multi_label = self.loss.task == "multi-label"
        best, steps, losses, stop_at = 0.0, 0, [], self._stop_time(0.8)
        for steps in range(1, self.max_steps + 1):
            if time.monotonic() > stop_at:
                self.time_limited.append("overfit test")
                break
            logs = mt.train_batch(copy, x, y)
            if "loss" not in logs:
                self.symptoms["KP107"] = Symptom("KP107", measured=False, reason=_no_logged_loss(logs))
                return
            losses.append(float(logs["loss"]))
            if regression:  # the share of the best constant prediction's loss the model has removed
                if math.isfinite(losses[-1]):
                    best = max(best, 1.0 - losses[-1] / baseline)
            elif multi_label:  # element-wise accuracy flatters sparse label sets: all labels of a sample right
                if steps % 10 == 0 or steps == self.max_steps:
                    best = max(best, self._exact_match(copy, x, y))
            else:
                best = max(best, _accuracy_from_logs(logs) or 0.0)
            if best >= self.t["overfit_accuracy"] or not math.isfinite(losses[-1]):
                break
        self.curves["overfit_loss"] = [num(v) for v in losses]
        if multi_label and losses:
            best = max(best, self._exact_match(copy, x, y))
        evidence = {"samples": num_samples(x), "steps": len(losses), "best_training_accuracy": num(best),
                    "final_loss": num(losses[-1]) if losses else None, "threshold": self.t["overfit_accuracy"],
                    "task": self.loss.task,
                    "accuracy": "exact match" if multi_label else (
                        "1 - loss / constant-prediction loss" if regression else "compiled accuracy")}
        if regression:
            evidence["constant_baseline_loss"] = num(baseline)
        if best < self.t["overfit_accuracy"] and "overfit test" in self.time_limited:
            self.symptoms["KP107"] = Symptom("KP107", measured=False, evidence=evidence, reason=(
                f"the time limit (--timeout) stopped it after {len(losses)} steps, before it reached "
                f"{self.t['overfit_accuracy']:g}"))
            return
        if best < self.t["overfit_accuracy"]:
            reason = (self._still_learning_short_of_plan(len(losses))
                      or self._still_learning_short_of_plan(len(losses), losses))
            if reason:
                evidence.update(planned_steps=self.data.planned_steps, still_learning=True)
                self.symptoms["KP107"] = Symptom("KP107", measured=False, evidence=evidence, reason=reason)
                self._defer_flat_accuracy(reason)
                return
        fifth = max(len(losses) // 5, 1)
        recent, before = losses[-fifth:], losses[-2 * fifth:-fifth]
        still_learning = (len(losses) >= 10 and all(math.isfinite(v) for v in recent + before)
                          and float(np.mean(recent)) < (1 - self.t["overfit_still_learning"]) * float(np.mean(before))
                          and float(np.mean(recent)) > 0.1 * losses[0])
        evidence["still_learning_at_cap"] = bool(still_learning)
        if best < self.t["overfit_accuracy"] and still_learning and len(losses) >= self.max_steps:
            self.symptoms["KP107"] = Symptom("KP107", measured=False, evidence=evidence, reason=(
                f"still learning when the step cap ({self.max_steps}, --max-steps) ran out: the loss fell "
                f"{1 - np.mean(recent) / np.mean(before):.0%} over the last {fifth} steps"))
            return
        self.symptoms["KP107"] = Symptom("KP107", observed=best < self.t["overfit_accuracy"], evidence=evidence)


    def _exact_match(self, model, x, y) -> float:
        """Share of samples whose every label is predicted right (multi-label outputs). BatchNormalization
        models are also read with batch statistics, the way they train (their moving averages lag behind
        the weights for hundreds of steps): the better of the two modes counts."""
        if y is None or len(leaves(y)) != 1:
            return 0.0
        modes = (False, True) if _uses_batch_statistics(model) else (False,)
        best = 0.0
        for training in modes:
            scores = np.asarray(leaves(model(x, training=training))[0], dtype=np.float64)
            truth = np.asarray(leaves(y)[0]).reshape(scores.shape).round()
            cut = 0.0 if self.loss.from_logits else 0.5
            best = max(best, float(np.mean(np.all((scores > cut) == (truth > 0.5), axis=-1))))
        return best


def judge_loss_trajectory(losses: list[float], thresholds: dict) -> Symptom:
    """KP109 from per-batch losses: diverging or oscillating, judged against the run's own batch noise.

    Per-batch losses are averaged over windows of w = max(5, steps/20) steps. The batch noise is the
    median standard deviation of the losses inside a window; a window mean then carries a standard error
    se = noise / sqrt(w), and two windows that differ by noise alone differ by about 1.13 * sqrt(2) * se.

    - net change: last-quarter mean minus first-quarter mean, in units of its own standard error; the loss
      *fell* when that is below -noise_z.
    - diverging: after its lowest window the loss climbs to >= divergence_factor x that minimum, by at least
      10% of the starting loss and noise_z standard errors, and is still up at the end (the last window is
      above the first, or still >= divergence_factor x the minimum). A run that ends in NaN/Inf diverges.
    - oscillating: the loss did not fall, more than oscillation_sign_changes of the windowed changes flip
      sign, the mean swing is >= oscillation_amplitude of the loss level and >= oscillation_noise_ratio
      times what batch noise alone gives, and the mean swing after the first window is at least
      oscillation_start_share of the first window (a loss that fell to ~0 and flickers there is done).
    """
    t = {**DEFAULT_THRESHOLDS, **thresholds}
    finite = [v for v in losses if math.isfinite(v)]
    if len(finite) < len(losses):  # the run ended in NaN/Inf: that is divergence
        return Symptom("KP109", observed=True, evidence={"non_finite": True, "steps": len(losses)})
    if len(losses) < 20:
        return Symptom("KP109", measured=False, reason="fewer than 20 training steps")
    values = np.asarray(losses, dtype=np.float64)
    width = max(5, len(values) // 20)
    chunks = [values[i:i + width] for i in range(0, len(values) - width + 1, width)]
    windows = np.array([float(np.mean(c)) for c in chunks])
    noise = float(np.median([np.std(c, ddof=1) for c in chunks]))
    se = noise / math.sqrt(width)
    z = t["noise_z"]
    quarter = max(width, len(values) // 4)
    head, tail = values[:quarter], values[-quarter:]
    net_se = math.sqrt(np.var(head, ddof=1) / len(head) + np.var(tail, ddof=1) / len(tail))
    net_change = float(np.mean(tail) - np.mean(head))
    net_z = net_change / net_se if net_se > 0 else (0.0 if net_change == 0 else math.copysign(math.inf, net_change))
    fell = net_z < -z

    low = int(np.argmin(windows))
    peak_after = float(np.max(windows[low:]))
    minimum = float(windows[low])
    rise = peak_after / minimum if minimum > 0 else float("inf")
    climb = peak_after - minimum
    # still up at the end: beyond what batch noise alone puts between two windows (one window of a
    # noisy run can double a low minimum and still be noise)
    above_noise = windows[-1] - minimum > z * math.sqrt(2) * se
    still_up = above_noise and (windows[-1] > windows[0] or windows[-1] >= t["divergence_factor"] * minimum)
    diverging = (rise >= t["divergence_factor"] and climb >= 0.1 * abs(windows[0]) and climb > z * math.sqrt(2) * se
                 and still_up)

    diffs = np.diff(windows)
    changes = float(np.mean(np.sign(diffs[1:]) != np.sign(diffs[:-1]))) if len(diffs) > 1 else 0.0
    swing = float(np.mean(np.abs(diffs))) if len(diffs) else 0.0
    amplitude = swing / max(float(np.mean(windows)), 1e-12)
    # the swing after the first window (the initial drop is not a swing) in the loss's own starting units:
    # a loss that fell from 35 to 0 and flickers by 0.005 does not oscillate, one that spikes back does
    late_swing = float(np.mean(np.abs(diffs[1:]))) if len(diffs) > 1 else 0.0
    late_enough = late_swing >= t["oscillation_start_share"] * abs(float(windows[0]))
    noise_swing = 1.128 * math.sqrt(2) * se
    swing_over_noise = swing / noise_swing if noise_swing > 0 else (math.inf if swing > 0 else 0.0)
    oscillating = (not fell and changes > t["oscillation_sign_changes"] and amplitude >= t["oscillation_amplitude"]
                   and swing_over_noise >= t["oscillation_noise_ratio"] and late_enough)
    return Symptom("KP109", observed=bool(diverging or oscillating), evidence={
        "window": width, "min_window_loss": num(minimum), "peak_after_min": num(peak_after),
        "rise_factor": num(rise), "sign_change_fraction": num(changes), "relative_swing": num(amplitude),
        "late_swing_over_first_window": num(late_swing / abs(float(windows[0])) if windows[0] else 0.0),
        "batch_noise": num(noise), "swing_over_noise": num(swing_over_noise), "net_change": num(net_change),
        "net_change_z": num(net_z), "loss_fell": bool(fell),
        "diverging": bool(diverging), "oscillating": bool(oscillating), "first_window_loss": num(windows[0]),
        "last_window_loss": num(windows[-1])})


def _no_logged_loss(logs: dict) -> str:
    return f"the model's own train_step returns no 'loss' in its logs (it returns {sorted(logs)})"


def _exactly_constant(flat: Symptom) -> bool:
    """KP108 saw scores that do not vary at all (a softmax over one unit, an output cut off from its
    inputs): training longer cannot change that, so no plan defers the verdict."""
    return float(flat.evidence.get("score_spread") or 0.0) < 1e-6


def _uses_batch_statistics(model) -> bool:
    """Judge BatchNormalization models in training mode: at initialisation their moving averages are
    mean 0 / variance 1 (no normalisation at all), and after a short run (momentum 0.99) they still lag
    far behind the weights, so inference-mode outputs are not what training sees."""
    return any("BatchNormalization" in type(layer).__name__ for layer in mt.all_layers(model))


def _accuracy_from_logs(logs: dict):
    for key, value in logs.items():
        if "acc" in key:
            return float(value)
    return None


def _optimizer_summary(model) -> dict:
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        return {}
    try:
        config = optimizer.get_config()
    except Exception:  # noqa: BLE001
        return {"class": type(optimizer).__name__}
    lr = config.get("learning_rate")
    return {"class": type(optimizer).__name__, "learning_rate": num(lr) if isinstance(lr, (int, float)) else str(lr)}


MODEL_SYMPTOMS = ("KP101", "KP102", "KP103", "KP104", "KP105", "KP106", "KP107", "KP108", "KP109", "KP110",
                  "KP111", "KP112")


def unusable_data_result(model, data: FitData, unusable: Symptom) -> dict:
    """The result when fit() got data nothing can train on (KP113): a data finding, and every other
    symptom not measured because of it (never a gradient symptom or a probe failure)."""
    reason = f"not measured: the training data is unusable ({'; '.join(unusable.evidence['problems'])})"
    symptoms = [unusable.to_dict()] + [Symptom(code, measured=False, reason=reason).to_dict()
                                       for code in MODEL_SYMPTOMS]
    loss = mt.loss_info(model)
    return {"symptoms": sorted(symptoms, key=lambda s: s["code"]), "curves": {}, "steps": 0, "timings": {},
            "time_limited_stages": [],
            "model": {"name": getattr(model, "name", ""), "class": type(model).__name__, "loss": loss.name,
                      "task": loss.kind, "output_units": loss.units, "batch_size": data.batch_size,
                      "data_source": data.source, "sample_size": num_samples(data.x),
                      "samples_available": data.available, "optimizer": _optimizer_summary(model)}}


def run_measurements(model, data: FitData, *, max_steps: int, seed: int, thresholds: dict, progress,
                     deadline: float | None = None) -> dict:
    unusable = data_checks.unusable_training_data(data)
    if unusable.observed:
        return unusable_data_result(model, data, unusable)
    return Probe(model, data, max_steps=max_steps, seed=seed, thresholds=thresholds, progress=progress,
                 deadline=deadline).run()
