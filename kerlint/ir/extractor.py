"""Build the FileIR from a libcst module: a small abstract interpreter.

It walks the module's statements in order, keeping an environment of abstract values (constants,
API references, layers, models, symbolic tensors, data facts), and follows what users really write:
Sequential lists and add() chains, the functional API, subclassed Models, helper functions called
with literal arguments, loops over literal lists / range(n), constants in variables, tf.data chains.
Anything it cannot follow becomes UNKNOWN, and models it cannot fully see are marked incomplete.

This module is the interpreter core: Python's statements and expressions, user functions and classes, and the
graph a model is made of (layers placed on tensors, models applied to tensors or data). What a library call
means (a Keras layer class, `model.fit`, `np.reshape`, `tf.data`...) is decided by the API handlers of
kerlint/ir/handlers/, registered by canonical path, which receive the interpreter as a parameter.
"""

from __future__ import annotations

import ast
import functools
import os
from typing import Any

import libcst as cst

from kerlint.ir import arrays, flags, graph
from kerlint.ir import keras_api as api
from kerlint.ir import legacy
from kerlint.ir import shapes
from kerlint.ir.syntax import dotted as _dotted
from kerlint.positions import walk
from kerlint.ir.facts import swept_numbers
from kerlint.ir.conditions import Condition, Test, compare_values
from kerlint.ir.dataflow import data_through_layers, scale_data
from kerlint.ir.handlers import registered as handlers
from kerlint.ir.model import UNKNOWN, AUGMENTATION_LAYERS, ApiUse, Data, FileIR, Initializer, Layer, Loss, \
    ModelIR, Notice, Optimizer, Schedule
from kerlint.ir.values import (
    MAX_LOOP_ITERATIONS,
    OTHER,
    ArgParser,
    BoundMethod,
    Builtin,
    Callback,
    Choice,
    ClassVal,
    DataGenerator,
    Frame,
    Func,
    Instance,
    Metric,
    Namespace,
    Partial,
    Ref,
    Regularizer,
    Scaler,
    Tensor,
    flatten,
    is_const,
    iterate,
    tensors_in,
)

MAX_CALL_DEPTH = 8
SUMMARISE_AFTER = 2  # iterations of a long loop that touched no model: the rest are summarised, not unrolled
STEP_BUDGET = 400_000  # expression evaluations per file; past it, the rest is unknown
STRICT = os.environ.get("KERLINT_STRICT") == "1"  # tests: let extractor bugs raise

_BUILTINS = {"range", "len", "list", "tuple", "int", "float", "str", "bool", "print", "zip", "enumerate",
             "reversed", "min", "max", "sum", "abs", "round", "super", "isinstance", "dict", "sorted", "set"}
_CONSTANTS = {"True": True, "False": False, "None": None}


class _Return(Exception):
    def __init__(self, value):
        self.value = value


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _BudgetExceeded(Exception):
    pass




@functools.lru_cache(maxsize=4096)
def _literal(text: str):
    """What libcst's `evaluated_value` of a number or plain string literal is (ast.literal_eval of its
    text), cached: the same literals recur throughout a file and literal_eval compiles each time."""
    plain = _plain_string(text)
    return plain if plain is not None else ast.literal_eval(text)


def _plain_string(text: str) -> str | None:
    """The value of a string literal that has nothing to decode (no prefix but u/r, no backslash, no carriage
    return, which Python's tokenizer would turn into a newline, no NUL, which literal_eval refuses): its text
    between the quotes, which is what literal_eval would compile it to. Docstrings mostly are such strings,
    and compiling them was 4% of the extractor's time on real code. None for anything else."""
    body = text.lstrip("uUrR")
    if len(text) - len(body) > 1 or not body or body[0] not in "'\"" or "\\" in body or "\r" in body \
            or "\x00" in body:
        return None
    quotes = 3 if body[:3] in ('"""', "'''") and len(body) >= 6 else 1
    return body[quotes:-quotes]


class Extractor:
    def __init__(self, module: cst.Module, source: str = "", decisions: dict | None = None):
        self.module = module
        # configuration runs (kerlint.ir.configurations): condition key -> the value it takes in this run
        self.decisions = decisions or {}
        self.conditions: dict[tuple, Condition] = {}  # undecided conditions met, by key, in the order met
        self.effects = 0  # bumps on anything that matters to a model: tells relevant conditions apart
        self.model_effects = 0  # bumps on layers placed, models created or used: tells data loops apart
        self.loop_depth = 0
        self.mutated: list = []  # lists appended to inside loops (a summarised loop's lists have unknown length)
        self.absl_flags: dict[str, Any] = {}
        self.statement = None  # the statement being interpreted (where the step budget ran out)
        self.exploring = False  # analysing functions nothing called (their parameters are unknown)
        self.file = FileIR(source=source)
        self.globals = Frame()
        self.globals.names["__name__"] = "__main__"
        self.star_modules: list[str] = []
        self.all_models: list[ModelIR] = []
        self.embedded: set[int] = set()
        self.placed: list[Layer] = []  # every layer placed in a graph, in placement order
        self._placed_ids: set[int] = set()  # their ids (a list's `in` is a scan)
        self.order = 0
        self.depth = 0
        self.uncertain = 0
        self.unknown_loops = 0  # > 0 inside a loop whose iteration count is unknown (fits may repeat)
        self.steps = 0
        self.called: set[int] = set()  # ids of FunctionDef nodes interpreted at least once
        self.grown_lists: dict[int, list] = {}  # lists appended to under uncertainty: their length is unknown
        self.defined: list[tuple[Func, ClassVal | None]] = []
        self.seq_tail: dict[int, Tensor] = {}
        self.lineage = 0
        self.errors: list[str] = []
        self.swept_numbers: set = set()  # numbers a loop iterated over (a sweep): see facts.swept_numbers
        self.assigned: cst.Assign | None = None  # the assignment being interpreted (see assigned_names)
        self.channels_first = False  # a Keras 1/2 global image data format made layers channels-first
        self._texts: dict = {}  # node -> its source text (source_text)

    # --- entry point ----------------------------------------------------------------------------
    def run(self) -> FileIR:
        try:
            self.exec_block(self.module.body, self.globals)
            self.exploring = True  # conditions met from here on test unknown parameters: not configurations
            self._analyse_uncalled()
        except _BudgetExceeded:
            for model in self.all_models:
                model.complete = False
            self.file.budget_exhausted = True
            self.file.notices.append(Notice(
                self.statement if self.statement is not None else self.module,
                f"analysis stopped here: the file exceeds kerlint's budget of {STEP_BUDGET:,} evaluation steps, "
                "so what follows (and what is still open before it) is not checked"))
        for model in self.all_models:
            self._finalize(model)
        trained_layers = [{id(layer) for layer in m.layers} for m in self.all_models if m.events]
        self.file.models = [m for m in self.all_models
                            if not (id(m) in self.embedded and not m.events)
                            and not (m.style in ("application", "loaded") and not m.events)
                            and not (not m.events and m.layers and _part_of_trained(m, trained_layers))]
        self.file.data = {k: v for k, v in self.globals.names.items() if isinstance(v, Data)}
        return self.file

    def release(self) -> None:
        """Drop the module scope once the FileIR is made (callers that need no more of the interpreter's state).
        A function defined in a scope refers back to it (Frame -> Func -> its closure, the same Frame): a
        reference cycle that keeps the functions' syntax trees alive until the garbage collector's next pass,
        which then walks them all (3% of a run on real code). Without the scope they are freed with the file."""
        self.globals.names.clear()

    def _analyse_uncalled(self) -> None:
        """Functions and model classes nothing called are analysed once with unknown arguments."""
        for func, owner in list(self.defined):
            if id(func.node) in self.called:
                continue
            if owner is not None:
                continue
            self.call_function(func, [], {}, func.node, unknown_params=True)
        for value in list(self.globals.names.values()):
            if isinstance(value, ClassVal) and value.kind() == "model" and id(value.node) not in self.called:
                self.instantiate(value, [], {}, value.node)

    # --- statements -----------------------------------------------------------------------------
    def exec_block(self, body, frame: Frame) -> None:
        for stmt in body:
            self.exec_stmt(stmt, frame)

    def exec_stmt(self, stmt, frame: Frame) -> None:
        self.statement = stmt
        execute = _STATEMENTS.get(type(stmt))
        if execute is None:
            return
        try:
            execute(self, stmt, frame)
        except (_Return, _Break, _Continue, _BudgetExceeded, RecursionError):
            raise
        except Exception as exc:  # noqa: BLE001 - an unhandled construct must not stop the file
            if STRICT:
                raise
            self.errors.append(f"{type(exc).__name__}: {exc}")

    def _exec_simple_line(self, stmt, frame: Frame) -> None:  # and a suite: `if x: a = 1; b = 2`
        for small in stmt.body:
            execute = _SMALL_STATEMENTS.get(type(small))
            if execute is not None:
                execute(self, small, frame)

    def _exec_function_def(self, stmt, frame: Frame) -> None:
        func = Func(stmt, frame, stmt.name.value)
        if stmt.decorators:  # @click.option(...): the command's parameters get the flags' values
            func.flags = flags.click_params(self.eval(d.decorator, frame) for d in stmt.decorators
                                            if isinstance(d.decorator, cst.Call))
        frame.names[stmt.name.value] = func
        if frame is self.globals:
            self.defined.append((func, None))

    def _exec_while(self, stmt, frame: Frame) -> None:
        self.eval(stmt.test, frame)
        self.exec_loop_once(stmt, frame)

    def _exec_with(self, stmt, frame: Frame) -> None:
        for item in stmt.items:
            value = self.eval(item.item, frame)
            if item.asname is not None:
                self.assign(item.asname.name, UNKNOWN if value is None else value, frame)
        self.exec_block(stmt.body.body, frame)

    def _exec_try(self, stmt, frame: Frame) -> None:
        self.exec_block(stmt.body.body, frame)
        self.uncertain += 1
        try:
            for handler in stmt.handlers:
                self.exec_block(handler.body.body, frame)
        finally:
            self.uncertain -= 1
        if stmt.orelse is not None:
            self.exec_block(stmt.orelse.body.body, frame)
        if stmt.finalbody is not None:
            self.exec_block(stmt.finalbody.body.body, frame)

    def exec_small(self, small, frame: Frame) -> None:
        execute = _SMALL_STATEMENTS.get(type(small))
        if execute is not None:
            execute(self, small, frame)

    def _exec_expr(self, small, frame: Frame) -> None:
        self.eval(small.value, frame)

    def _exec_assign(self, small, frame: Frame) -> None:
        self.assigned = small
        value = self.eval(small.value, frame)
        for target in small.targets:
            self.assign(target.target, value, frame)

    def assigned_names(self, value) -> tuple[str, ...] | None:
        """The names `x, y = <value>` binds, when `value` is the value node of the assignment being
        interpreted (`loss, acc = model.evaluate(...)`), else None."""
        small = self.assigned
        if small is None or small.value is not value:
            return None
        return tuple(_target_names(t.target for t in small.targets))

    def _exec_ann_assign(self, small, frame: Frame) -> None:
        if small.value is not None:
            self.assign(small.target, self.eval(small.value, frame), frame)

    def _exec_aug_assign(self, small, frame: Frame) -> None:
        current = self.eval(small.target, frame)
        operand = self.eval(small.value, frame)
        op = type(small.operator).__name__.replace("Assign", "")
        self.assign(small.target, self.binary(op, current, operand), frame)

    def _exec_return(self, small, frame: Frame) -> None:
        raise _Return(self.eval(small.value, frame) if small.value is not None else None)

    def _exec_import(self, small, frame: Frame) -> None:
        for alias in small.names:
            dotted = _dotted(alias.name)
            if alias.asname is not None:
                frame.names[alias.asname.name.value] = Ref(dotted)
            else:
                head = dotted.split(".")[0]
                frame.names[head] = Ref(head)

    def _exec_break(self, small, frame: Frame) -> None:
        raise _Break()

    def _exec_continue(self, small, frame: Frame) -> None:
        raise _Continue()

    def exec_import_from(self, node: cst.ImportFrom, frame: Frame) -> None:
        if node.relative or node.module is None:
            return
        module = _dotted(node.module)
        self.file.api_uses.extend(legacy.import_facts(node, module))
        if isinstance(node.names, cst.ImportStar):
            self.star_modules.append(module)
            return
        for alias in node.names:
            name = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname is not None else name
            frame.names[local] = Ref(f"{module}.{name}")
            if ".experimental.preprocessing" in f"{module}.{name}" and "experimental.preprocessing" in module:
                self.file.api_uses.append(ApiUse("experimental-preprocessing", node.module,
                                                 {"path": module, "import": True}))
            elif module.endswith(".experimental") and name == "preprocessing":
                # `from keras.layers.experimental import preprocessing`: the module node is not a plain rename
                self.file.api_uses.append(ApiUse("experimental-preprocessing", node,
                                                 {"path": f"{module}.{name}", "import": True, "imported_name": True}))

    def exec_if(self, stmt: cst.If, frame: Frame) -> None:
        cond, test = self.eval_test(stmt.test, frame)
        if test is not None:
            decided = test.decide(self.decisions)
            if decided is not None:
                cond = decided
        if is_const(cond):
            if cond:
                self.exec_block(stmt.body.body, frame)
            elif stmt.orelse is not None:
                self._exec_else(stmt.orelse, frame)
            return
        self.uncertain += 1
        before = self.effects
        try:
            self.exec_block(stmt.body.body, frame)
            if stmt.orelse is not None:
                self._exec_else(stmt.orelse, frame)
        finally:
            self.uncertain -= 1
            if test is not None and self.effects != before and self._configures(stmt.test):
                test.condition.relevant = True

    def eval_test(self, test, frame: Frame):
        """Evaluate an `if` (or conditional expression) test: (its value, the Test it makes when the value is
        unknown, else None). See kerlint.ir.conditions for how tests are keyed."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            value, inner = self.eval_test(test.expression, frame)
            if is_const(value):
                return not value, None
            return UNKNOWN, inner.negate() if inner is not None else None
        if type(test) is cst.Comparison and len(test.comparisons) == 1:
            comp = test.comparisons[0]
            left = self.eval(test.left, frame)
            right = self.eval(comp.comparator, frame)
            op = type(comp.operator).__name__
            value = self._compared(op, left, right)
            if is_const(value) or op not in ("Equal", "NotEqual", "Is", "IsNot", "In", "NotIn"):
                return self._test_of(test, value)
            constants = list(right) if op in ("In", "NotIn") and isinstance(right, (list, tuple)) else [right]
            if not constants or not all(is_const(c) for c in constants) or not _literal_node(comp.comparator):
                return self._test_of(test, value)  # `x.shape[3] == width`: a boolean, not a variable's values
            if isinstance(left, Choice):
                condition = self._condition(left.key, left.label, test, left.options, boolean=False)
            elif left is UNKNOWN:
                text = self.source_text(test.left)
                condition = self._condition(("expr", text), text, test, constants + [OTHER], boolean=False)
            else:
                return value, None
            return UNKNOWN, Test(condition, lambda v: compare_values(op, v, right))
        return self._test_of(test, self.eval(test, frame))

    def truth(self, value):
        """Python truthiness of a value, when it is known: True, False, or None."""
        if is_const(value):
            return bool(value)
        if isinstance(value, (list, tuple, dict)):
            return None if id(value) in self.grown_lists else bool(value)
        if isinstance(value, (Layer, ModelIR, Func, ClassVal, BoundMethod, Optimizer, Loss, Initializer, Schedule,
                              Callback, Regularizer, Metric, DataGenerator, Scaler, ArgParser, Namespace, Partial)):
            return True  # objects without __bool__/__len__: `if activation:` given a layer is true
        if isinstance(value, Ref) and value.parts[0] in ("keras", "tf", "np"):
            return True  # an API function or class (`activation=tf.nn.relu`); a user module's name is a value
        return None

    def _test_of(self, test, value):
        """A test as a boolean condition keyed by its source text (or by its flag)."""
        truth = self.truth(value)
        if truth is not None:
            return truth, None
        if isinstance(value, Choice):
            return UNKNOWN, Test(self._condition(value.key, value.label, test, value.options,
                                                 boolean=all(isinstance(o, bool) for o in value.options)), bool)
        if isinstance(value, (Tensor, Data)) or not isinstance(test, (cst.Name, cst.Attribute, cst.Call,
                                                                        cst.Comparison, cst.BooleanOperation,
                                                                        cst.Subscript)):
            return UNKNOWN, None
        text = self.source_text(test)
        return UNKNOWN, Test(self._condition(("expr", text), text, test, (True, False)), bool)

    def source_text(self, node) -> str:
        """The node's source text, stripped; memoised per node (a loop meets the same test every iteration)."""
        text = self._texts.get(node)
        if text is None:
            text = self._texts[node] = self.module.code_for_node(node).strip()
        return text

    def _configures(self, test) -> bool:
        """Whether an undecided test met here can be a configuration of the file (a flag, a setting, a cache
        guard) rather than something that changes while it runs. Not: tests met while analysing functions
        nothing called (their parameters are unknown), nor, inside loops, tests other than a name or an
        attribute compared with constants (`step % 100 == 0`, `random.random() < p` vary per iteration)."""
        if self.exploring:
            return False
        if not (self.loop_depth or self.unknown_loops):
            return True
        while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test = test.expression
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            test = test.left
        return isinstance(test, cst.Name) or (isinstance(test, cst.Attribute) and _dotted_name(test))

    def _condition(self, key, label, node, options, boolean=True) -> Condition:
        condition = self.conditions.get(key)
        if condition is None:
            condition = self.conditions[key] = Condition(key, label, node, boolean=boolean)
        condition.add_options(options)
        return condition

    def decided(self, value):
        """A flag's value in this configuration: the option chosen for it, or the Choice itself."""
        if isinstance(value, Choice) and value.key in self.decisions:
            return self.decisions[value.key]
        return value

    def _exec_else(self, orelse, frame: Frame) -> None:
        if isinstance(orelse, cst.If):
            self.exec_if(orelse, frame)
        else:
            self.exec_block(orelse.body.body, frame)

    def exec_for(self, stmt: cst.For, frame: Frame) -> None:
        iterable = self.eval(stmt.iter, frame)
        items = iterate(iterable)
        if items is None or len(items) > MAX_LOOP_ITERATIONS:
            self.assign(stmt.target, UNKNOWN, frame)
            self.exec_loop_once(stmt, frame)
            return
        if not isinstance(iterable, range):  # integers are no sweep
            self.swept_numbers.update(swept_numbers(items))  # `for lr in (1e-1, 1e-2):` values under trial
        start, mutated = self.model_effects, len(self.mutated)
        self.loop_depth += 1
        try:
            for index, item in enumerate(items):
                if index == SUMMARISE_AFTER and len(items) > 2 * SUMMARISE_AFTER and self.model_effects == start:
                    self._summarise_loop(stmt, frame, self.mutated[mutated:])
                    break
                self.assign(stmt.target, item, frame)
                try:
                    self.exec_block(stmt.body.body, frame)
                except _Continue:
                    continue
                except _Break:
                    break
        finally:
            self.loop_depth -= 1

    def _summarise_loop(self, stmt: cst.For, frame: Frame, mutated: list) -> None:
        """A long loop whose first iterations touched no model (it fills data containers, counts, augments):
        stop unrolling it, so the step budget goes to model code. What its remaining iterations would change
        becomes unknown: the lists it grows have an unknown length, the names it binds (but data facts, which
        more iterations of the same steps keep) an unknown value."""
        for obj in mutated:
            self.grown_lists[id(obj)] = obj
        for name in _bound_names(stmt):
            if not isinstance(frame.names.get(name), Data):
                frame.names[name] = UNKNOWN

    def exec_loop_once(self, stmt, frame: Frame) -> None:
        """A loop whose iterations we cannot know: run its body once, as an undecided branch, so that
        what it builds is seen but marked uncertain (models mutated in it become incomplete)."""
        self.uncertain += 1
        self.unknown_loops += 1
        try:
            self.exec_block(stmt.body.body, frame)
        except (_Break, _Continue):
            pass
        finally:
            self.uncertain -= 1
            self.unknown_loops -= 1

    def define_class(self, node: cst.ClassDef, frame: Frame) -> None:
        bases = [self.eval(arg.value, frame) for arg in node.bases]
        cls = ClassVal(node, node.name.value, bases)
        class_frame = Frame(frame)
        for stmt in node.body.body:
            if isinstance(stmt, cst.FunctionDef):
                cls.methods[stmt.name.value] = Func(stmt, frame, stmt.name.value)
            else:
                self.exec_stmt(stmt, class_frame)
        cls.attrs.update(class_frame.names)
        frame.names[node.name.value] = cls
        if cls.kind() == "plain" and frame is self.globals:
            for func in cls.methods.values():
                self.defined.append((func, cls))

    # --- assignment -----------------------------------------------------------------------------
    def assign(self, target, value, frame: Frame) -> None:
        kind = type(target)  # exact classes: isinstance against libcst's ABC-based classes is slow
        if kind is cst.Name:
            if isinstance(value, Data) and value.name is None:
                value.name = target.value
            if value is not UNKNOWN and value is not None and not self.loop_depth and not self.unknown_loops:
                self.effects += 1  # a value bound outside loops (in loops: counters, buffers) may configure a model
            frame.names[target.value] = value
        elif kind is cst.Tuple or kind is cst.List:
            elements = target.elements
            items = iterate(value)
            starred = any(type(e) is cst.StarredElement for e in elements)
            if items is None or starred or len(items) != len(elements):
                for element in elements:
                    inner = element.value
                    self.assign(inner, UNKNOWN, frame)
                return
            for element, item in zip(elements, items):
                self.assign(element.value, item, frame)
        elif kind is cst.Attribute:
            owner = self.eval(target.value, frame)
            if isinstance(owner, Instance):
                if not self.loop_depth and not self.unknown_loops:
                    self.effects += 1
                owner.attrs[target.attr.value] = value

    # --- expressions ----------------------------------------------------------------------------
    def eval(self, node, frame: Frame):
        self.steps += 1
        if self.steps > STEP_BUDGET:
            raise _BudgetExceeded()
        # The commonest node classes by exact class: isinstance against libcst's ABC-based classes is slow.
        kind = type(node)
        if kind is cst.Name:
            return self.lookup(node.value, frame)
        if kind is cst.Call:
            return self.eval_call(node, frame)
        if kind is cst.Attribute:
            return self.attribute(self.eval(node.value, frame), node.attr.value, node)
        if kind is cst.Integer or kind is cst.Float:
            try:
                return _literal(node.value)  # node.evaluated_value, cached
            except (ValueError, OverflowError):
                return UNKNOWN
        if kind is cst.SimpleString or kind is cst.ConcatenatedString:
            try:
                value = _literal(node.value) if kind is cst.SimpleString else node.evaluated_value
            except Exception:  # noqa: BLE001 - odd string prefixes
                return UNKNOWN
            return value if isinstance(value, str) else UNKNOWN
        evaluate = _EVAL.get(kind)
        return evaluate(self, node, frame) if evaluate is not None else UNKNOWN

    def _eval_sequence(self, node, frame: Frame):
        items = []
        for element in node.elements:
            if type(element) is cst.StarredElement:
                inner = iterate(self.eval(element.value, frame))
                if inner is None:
                    return UNKNOWN
                items.extend(inner)
            else:
                items.append(self.eval(element.value, frame))
        return tuple(items) if type(node) is cst.Tuple else items

    def _eval_dict(self, node, frame: Frame):
        result = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                return UNKNOWN
            key = self.eval(element.key, frame)
            value = self.eval(element.value, frame)
            if is_const(key):
                result[key] = value
        return result

    def _eval_binary_operation(self, node, frame: Frame):
        left = self.eval(node.left, frame)
        right = self.eval(node.right, frame)
        return self.binary(type(node.operator).__name__, left, right)

    def _eval_unary_operation(self, node, frame: Frame):
        value = self.eval(node.expression, frame)
        op = type(node.operator).__name__
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value if op == "Minus" else value if op == "Plus" else UNKNOWN
        if op == "Not" and is_const(value):
            return not value
        return value if isinstance(value, Data) else UNKNOWN

    def _eval_lambda(self, node, frame: Frame):
        return Func(node, frame)

    def _eval_if_exp(self, node, frame: Frame):
        cond, test = self.eval_test(node.test, frame)
        if test is not None:
            decided = test.decide(self.decisions)
            if decided is not None:
                cond = decided
        if is_const(cond):
            return self.eval(node.body if cond else node.orelse, frame)
        body = self.eval(node.body, frame)
        orelse = self.eval(node.orelse, frame)
        if test is not None and (body is not UNKNOWN or orelse is not UNKNOWN) and not (
                is_const(body) and is_const(orelse) and body == orelse) and self._configures(node.test) \
                and not self.loop_depth and not self.unknown_loops:
            test.condition.relevant = True  # `1 if binary else 10`: each configuration has its value
        return body if isinstance(body, (Tensor,)) else UNKNOWN

    def _eval_boolean_operation(self, node, frame: Frame):
        left = self.eval(node.left, frame)
        right = self.eval(node.right, frame)
        if is_const(left) and is_const(right):
            op = type(node.operator).__name__
            return (left and right) if op == "And" else (left or right)
        first, second = self.truth(left), self.truth(right)
        if isinstance(node.operator, cst.And):
            return left if first is False else right if first is True else False if second is False else UNKNOWN
        return left if first is True else right if first is False else True if second is True else UNKNOWN

    def _eval_named_expr(self, node, frame: Frame):
        value = self.eval(node.value, frame)
        self.assign(node.target, value, frame)
        return value

    def _eval_await(self, node, frame: Frame):
        return self.eval(node.expression, frame)

    def compare(self, node: cst.Comparison, frame: Frame):
        left = self.eval(node.left, frame)
        if len(node.comparisons) != 1:
            return UNKNOWN
        comp = node.comparisons[0]
        right = self.eval(comp.comparator, frame)
        return self._compared(type(comp.operator).__name__, left, right)

    @staticmethod
    def _compared(op: str, left, right):
        if not is_const(left):
            return UNKNOWN
        if op in ("In", "NotIn"):
            if not (isinstance(right, (list, tuple)) and all(is_const(r) for r in right)) \
                    and not isinstance(right, str):
                return UNKNOWN
        elif not is_const(right):
            return UNKNOWN
        result = compare_values(op, left, right)
        return UNKNOWN if result is None else result

    def lookup(self, name: str, frame: Frame):
        if name in _CONSTANTS:
            return _CONSTANTS[name]
        scope = frame
        while scope is not None:  # Frame.lookup, without building its (value, found) pair: the commonest step
            names = scope.names
            if name in names:
                return names[name]
            scope = scope.parent
        if name in _BUILTINS:
            return Builtin(name)
        for module in self.star_modules:
            ref = Ref(f"{module}.{name}")
            family, rest = ref.parts
            if family == "keras" and (api.layer_class(rest) or rest.split(".")[-1] in (
                    "Sequential", "Model", "Input") or name in api.OPTIMIZERS or name in api.CALLBACKS):
                return ref
        return UNKNOWN

    def attribute(self, owner, name: str, node):
        if isinstance(owner, Namespace):
            return self.decided(owner.flags.get(name, UNKNOWN))
        if isinstance(owner, Ref):
            if name in self.absl_flags and owner.path.endswith("flags.FLAGS"):
                return self.decided(self.absl_flags[name])
            ref = owner.attr(name)
            self.file.api_uses.extend(legacy.attribute_facts(ref.path, node))
            if name == "preprocessing" and owner.path.endswith("experimental"):
                self.file.api_uses.append(ApiUse("experimental-preprocessing", node, {"path": ref.path}))
            return ref
        if isinstance(owner, Instance):
            if name in owner.attrs:
                return owner.attrs[name]
            method = owner.cls.lookup(name)
            if method is not None:
                return BoundMethod(owner, name)
            if name in owner.cls.attrs:
                return owner.cls.attrs[name]
            if owner.model is not None:
                return self.attribute(owner.model, name, node)
            return BoundMethod(owner, name)
        if isinstance(owner, ModelIR):
            if name in ("output", "outputs") and owner.style in ("application", "loaded"):
                # keras.applications.X(input_tensor=t).output: the pretrained network's output, layers unseen
                layer = Layer("Application", node, application=owner.name, order=self._next_order())
                self._add_placed(layer)
                return Tensor(layer, None, broken=True)
            if name == "output":
                outs = owner.outputs or owner.layers[-1:]
                if len(outs) == 1:
                    return Tensor(outs[0], outs[0].output_shape)
                return Tensor(None, None, broken=True) if not outs else [Tensor(o, o.output_shape) for o in outs]
            if name in ("input", "inputs"):
                return Tensor(None, owner.input_shape, broken=True)
            if name == "layers":
                return list(owner.layers) if owner.complete else UNKNOWN
            return BoundMethod(owner, name)
        if isinstance(owner, Tensor) and name == "shape":  # Keras shape: batch dim first; unknown dims stay unknown
            if owner.shape is None:
                return UNKNOWN
            return (None,) + tuple(UNKNOWN if d is None else d for d in owner.shape)
        if isinstance(owner, arrays.Namespace) and name in owner.attrs:
            return owner.attrs[name]
        if isinstance(owner, (arrays.Namespace, arrays.Encoder)):
            return BoundMethod(owner, name)
        if isinstance(owner, Data):
            if name == "shape":
                return owner.shape if owner.shape is not None else UNKNOWN
            if name == "values" and owner.shape is not None:
                return owner.derive(name=None, shape=owner.shape, value_range=owner.value_range)
            if name == "T":
                return owner.derive(name=None, shape=arrays.transpose_shape(owner.shape),
                                    value_range=owner.value_range)
            if name in ("T", "values", "iloc", "loc"):  # pandas .values / .iloc[...] / .loc[...]: the same rows
                return owner.derive(name=None)
            return BoundMethod(owner, name)
        if isinstance(owner, Layer) and name in api.REMOVED_LAYER_ATTRIBUTES:
            self.file.api_uses.append(ApiUse("removed-layer-attribute", node, {"attr": name, "layer": owner}))
        if isinstance(owner, (list, dict, DataGenerator, Scaler, Layer, ClassVal, ArgParser)):
            if isinstance(owner, ClassVal):
                return owner.methods.get(name, owner.attrs.get(name, UNKNOWN))
            return BoundMethod(owner, name)
        return UNKNOWN

    def subscript(self, node: cst.Subscript, frame: Frame):
        value = self.eval(node.value, frame)
        if len(node.slice) != 1:
            if isinstance(value, Data) and value.shape is not None and len(node.slice) == 2 \
                    and isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.Ellipsis) \
                    and isinstance(node.slice[1].slice, cst.Index) and _is_newaxis(self.eval(node.slice[1].slice.value, frame)):
                return value.derive(shape=tuple(value.shape) + (1,), value_range=value.value_range)  # x[..., None]
            return arrays.index(value, self._index_keys(node.slice, frame)) if isinstance(value, Data) else UNKNOWN
        sl = node.slice[0].slice
        if isinstance(sl, cst.Index):
            key = self.eval(sl.value, frame)
            if isinstance(value, (list, tuple)) and isinstance(key, int) and not isinstance(key, bool):
                return value[key] if -len(value) <= key < len(value) else UNKNOWN
            if isinstance(value, dict) and is_const(key):
                return value.get(key, UNKNOWN)
        elif isinstance(sl, cst.Slice) and isinstance(value, (list, tuple)):
            parts = [self.eval(p, frame) if p is not None else None for p in (sl.lower, sl.upper, sl.step)]
            if all(p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in parts):
                return value[slice(*parts)]
        if isinstance(value, Data):
            if isinstance(sl, cst.Index) and isinstance(key, Data):
                rows = arrays.one_hot_rows(value, key)  # np.eye(k)[y]: y one-hot encoded
                if rows is not None:
                    return rows
            if isinstance(sl, cst.Index) and value.num_classes is not UNKNOWN and value.label_encoding != "onehot":
                return value.derive(num_classes=UNKNOWN)  # y[y < 2]: a mask may keep only some classes
            if isinstance(sl, cst.Slice) or (isinstance(sl, cst.Index) and isinstance(key, Data)):
                # x[:1000], x[order]: rows selected, row shape kept
                keys = self._index_keys(node.slice, frame)
                shape = arrays.index_shape(value.shape, keys) if keys is not None else None
                if shape is None and value.shape is not None:
                    shape = (UNKNOWN,) + tuple(value.shape[1:])
                return value.derive(shape=shape, value_range=value.value_range)
            return arrays.index(value, self._index_keys(node.slice, frame))
        if isinstance(value, Tensor):
            return self.tensor_op([value], node)
        return UNKNOWN

    def _index_keys(self, elements, frame: Frame):
        """The index of `x[...]` as numpy sees it (ints, slices, None, Ellipsis, arrays.ArrayIndex); None when
        a part is unknown."""
        keys: list = []
        for element in elements:
            sl = element.slice
            if isinstance(sl, cst.Slice):
                parts = [self.eval(p, frame) if p is not None else None for p in (sl.lower, sl.upper, sl.step)]
                keys.append(slice(*[p if p is None or (isinstance(p, int) and not isinstance(p, bool)) else UNKNOWN
                                    for p in parts]))
                continue
            if isinstance(sl.value, cst.Ellipsis):
                keys.append(Ellipsis)
                continue
            key = self.eval(sl.value, frame)
            if _is_newaxis(key):
                keys.append(None)
            elif isinstance(key, int) and not isinstance(key, bool):
                keys.append(key)
            elif isinstance(key, Data):
                keys.append(arrays.ArrayIndex(key.shape, key.dtype == "bool"))
            else:
                return None
        return keys

    def comprehension(self, node, frame: Frame):
        results: list = []
        if not self._comprehension_for(node, node.for_in, Frame(frame), results, self.model_effects):
            return UNKNOWN
        return results

    def _comprehension_for(self, node, comp_for, inner: Frame, results: list, start: int) -> bool:
        """One `for` clause of a comprehension (and those nested in it) appending to `results`; False when its
        value is unknown. (A method, not a closure calling itself: that closure would be a reference cycle
        keeping the interpreter and the whole syntax tree alive until the garbage collector finds it.)"""
        items = iterate(self.eval(comp_for.iter, inner))
        if items is None or len(items) > MAX_LOOP_ITERATIONS:
            return False
        for index, item in enumerate(items):
            if index == SUMMARISE_AFTER and len(items) > 2 * SUMMARISE_AFTER and self.model_effects == start \
                    and all(is_const(r) or r is UNKNOWN for r in results):
                return False  # a long comprehension that builds no model (a data table): its value is unknown
            scope = Frame(inner)
            self.assign(comp_for.target, item, scope)
            if any(not self.eval(cond.test, scope) for cond in comp_for.ifs):
                continue
            if comp_for.inner_for_in is not None:
                if not self._comprehension_for(node, comp_for.inner_for_in, scope, results, start):
                    return False
            else:
                results.append(self.eval(node.elt, scope))
        return True

    def binary(self, op: str, left, right):
        nums = (int, float)
        if isinstance(left, nums) and isinstance(right, nums):
            try:
                if op == "Power" and abs(right) > 64:
                    return UNKNOWN
                return {
                    "Add": lambda: left + right, "Subtract": lambda: left - right,
                    "Multiply": lambda: left * right, "Divide": lambda: left / right,
                    "FloorDivide": lambda: left // right, "Modulo": lambda: left % right,
                    "Power": lambda: left ** right,
                }.get(op, lambda: UNKNOWN)()
            except (ZeroDivisionError, OverflowError, TypeError, ValueError):
                return UNKNOWN
        if op == "Add" and isinstance(left, (list, tuple)) and type(left) is type(right):
            return left + right
        if op == "Multiply" and isinstance(left, (list, tuple)) and isinstance(right, int) and 0 <= right <= 1024:
            return left * right
        if op == "Add" and isinstance(left, str) and isinstance(right, str):
            return left + right
        data = left if isinstance(left, Data) else right if isinstance(right, Data) else None
        if data is not None:
            other = right if data is left else left
            if arrays.is_constant(data) and not isinstance(other, (int, float, Data)):
                return UNKNOWN  # `unknown / np.array([k, 1, 1])`: the result is the unknown operand's shape and facts
            return self._maybe_augmented(scale_data(data, op, other, data_on_left=data is left), data)
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            return self.tensor_op([t for t in (left, right) if isinstance(t, Tensor)], None, op=op)
        return UNKNOWN

    # --- calls ----------------------------------------------------------------------------------
    def eval_call(self, node: cst.Call, frame: Frame):
        func = self.eval(node.func, frame)
        args: list = []
        kwargs: dict = {}
        arg_nodes: dict = {}
        for arg in node.args:
            value = self.eval(arg.value, frame)
            if not arg.star:  # "", "*" or "**"
                if arg.keyword is not None:
                    kwargs[arg.keyword.value] = value
                    arg_nodes[arg.keyword.value] = arg
                else:
                    args.append(value)
                    arg_nodes[len(args) - 1] = arg
            elif arg.star == "*":
                items = iterate(value)
                args.extend(items if items is not None else [UNKNOWN])
            elif isinstance(value, dict):  # **mapping
                kwargs.update({k: v for k, v in value.items() if isinstance(k, str)})
            else:
                kwargs["**"] = UNKNOWN
        return self.call(func, args, kwargs, node, arg_nodes)

    def call(self, func, args, kwargs, node, arg_nodes=None):
        arg_nodes = arg_nodes or {}
        if isinstance(func, Ref):
            return self.call_api(func, args, kwargs, node, arg_nodes)
        if isinstance(func, BoundMethod):
            return self.call_method(func.obj, func.name, args, kwargs, node, arg_nodes)
        if isinstance(func, Partial):  # functools.partial(layers.Conv2D, 64, activation="relu")(...)
            return self.call(func.func, func.args + list(args), {**func.kwargs, **kwargs}, node)
        if isinstance(func, (Layer, ModelIR)) and kwargs.get("training") is False:
            value = args[0] if args else kwargs.get("inputs", UNKNOWN)
            if isinstance(value, Data):  # inference mode: random augmentation layers pass data through
                layers = [func] if isinstance(func, Layer) else func.layers
                return data_through_layers(value, [la for la in layers if la.kind not in AUGMENTATION_LAYERS])
        if isinstance(func, Layer):
            out = self.apply_layer(func, args[0] if args else kwargs.get("inputs", UNKNOWN), node)
            return self._layer_call_extras(func, out, args, kwargs)
        if isinstance(func, ModelIR):
            return self.apply_model(func, args[0] if args else kwargs.get("inputs", UNKNOWN), node)
        if isinstance(func, Func):
            return self.call_function(func, args, kwargs, node)
        if isinstance(func, ClassVal):
            return self.instantiate(func, args, kwargs, node)
        if isinstance(func, Instance):
            if func.model is not None:
                return self.apply_model(func.model, args[0] if args else UNKNOWN, node)
            if func.cls.lookup("call") is not None:
                return self.call_method(func, "call", args, kwargs, node, arg_nodes)
            return UNKNOWN
        if isinstance(func, Builtin):
            if func.name == "len" and args and id(args[0]) in self.grown_lists:
                return UNKNOWN
            return _call_builtin(func.name, args, kwargs)
        tensors = tensors_in(args, kwargs)
        if not tensors:
            return UNKNOWN
        # an unknown callable applied to tensors (a hub / transformers model, a layer from another module): the
        # layers it applies are unseen, so whatever is built on its output may be missing layers
        out = self.tensor_op(tensors, node)
        out.broken = True
        return out

    def call_function(self, func: Func, args, kwargs, node, *, bound_self=None, unknown_params=False):
        if self.depth >= MAX_CALL_DEPTH:
            return UNKNOWN
        self.called.add(id(func.node))
        frame = Frame(func.closure)
        params = func.node.params
        positional = list(params.posonly_params) + list(params.params)
        values = list(args)
        if bound_self is not None:
            values.insert(0, bound_self)
        for index, param in enumerate(list(positional) + list(params.kwonly_params)):
            name = param.name.value
            if index < len(positional) and index < len(values):
                frame.names[name] = values[index]
            elif name in kwargs:
                frame.names[name] = kwargs[name]
            elif name in func.flags:  # a click command's parameter: its flag's value
                frame.names[name] = self.decided(func.flags[name])
            elif param.default is not None and not unknown_params:
                frame.names[name] = self.eval(param.default, func.closure)
            else:
                frame.names[name] = UNKNOWN
        for star in (params.star_arg, params.star_kwarg):
            if type(star) is cst.Param:
                frame.names[star.name.value] = UNKNOWN
        self.depth += 1
        try:
            if type(func.node) is cst.Lambda:
                return self.eval(func.node.body, frame)
            body = func.node.body
            statements = body.body
            if type(body) is cst.SimpleStatementSuite:
                for small in statements:
                    self.exec_small(small, frame)
            else:
                self.exec_block(statements, frame)
        except _Return as ret:
            return ret.value
        except (_Break, _Continue):
            return UNKNOWN
        finally:
            self.depth -= 1
        return None

    def instantiate(self, cls: ClassVal, args, kwargs, node):
        self.called.add(id(cls.node))
        inst = Instance(cls)
        kind = cls.kind()
        init = cls.lookup("__init__")
        if init is not None:
            models_before = len(self.all_models)
            self.call_function(init, args, kwargs, node, bound_self=inst)
            if kind == "layer":
                # Models a custom layer builds for itself (a transformer's feed-forward Sequential) are parts
                # of that layer, like a sub-model applied inside another model: not models of their own.
                self.embedded.update(id(m) for m in self.all_models[models_before:])
        elif args or kwargs:  # a dataclass (or NamedTuple) config: Config(epochs=1) sets its fields
            fields = _annotated_fields(cls.node)
            inst.attrs.update(zip(fields, args))
            inst.attrs.update({k: v for k, v in kwargs.items() if k in fields})
        if kind == "callback":
            return Callback(cls.name)
        if kind == "model":
            model = self.new_model(cls.name, "subclassed", node)
            model.overrides = frozenset(hook for hook in ("train_step", "test_step", "compute_loss")
                                        if cls.lookup(hook) is not None)
            inst.model = model
            self.trace_subclassed(inst, model)
        return inst

    def trace_subclassed(self, inst: Instance, model: ModelIR) -> None:
        call = inst.cls.lookup("call")
        start = len(self.placed)
        result = None
        if call is not None:
            result = self.call_function(call, [Tensor(None, None)], {}, call.node, bound_self=inst)
        outs = [t for t in flatten(result) if isinstance(t, Tensor)]
        if call is None or not outs:
            model.complete = False
            model.layers = [v for v in flatten(list(inst.attrs.values())) if isinstance(v, Layer)]
            return
        # Layers of prebuilt sub-models (a Sequential built at module level, an encoder Model) are not placed
        # again when call() applies them: take them from the graph too, in graph order, not only what call() placed.
        model.layers = [layer for layer in _graph_order([t.layer for t in outs if t.layer is not None],
                                                        self.placed[start:]) if layer.kind != "Input"]
        model.outputs = [t.layer for t in outs if t.layer is not None]
        if any(t.broken for t in outs) or any(layer.conditional for layer in model.layers):
            model.complete = False

    # --- library calls (kerlint/ir/handlers/) ---------------------------------------------------
    def call_api(self, ref: Ref, args, kwargs, node, arg_nodes):
        """A call to a library function or class: its registered handlers (kerlint/ir/handlers/), else the
        family's default: Keras and TensorFlow calls on tensors keep the graph joined, anything else is unknown."""
        site = handlers.site_of(ref.path)
        value = handlers.dispatch(self, site, args, kwargs, node, arg_nodes)
        if value is not NotImplemented:
            return value
        if site.family in ("keras", "tf"):
            tensors = tensors_in(args, kwargs)
            return self.tensor_op(tensors, node) if tensors else UNKNOWN
        return UNKNOWN

    # --- the graph: layers placed on tensors, models applied -------------------------------------
    def _next_order(self) -> int:
        self.order += 1
        return self.order

    def _add_placed(self, layer: Layer) -> None:
        self.placed.append(layer)
        self._placed_ids.add(id(layer))

    def place(self, layer: Layer, inputs: list[Tensor]) -> Tensor:
        self.effects += 1
        self.model_effects += 1
        if layer.order == 0 or id(layer) not in self._placed_ids:
            layer.order = self._next_order()
            self._add_placed(layer)
        if self.uncertain:
            layer.conditional = True
        layer.inputs = [t.layer for t in inputs if t.layer is not None]
        for parent in layer.inputs:  # a shared layer called several times has every call's inputs here
            if parent not in layer.all_inputs:  # (layers compare by identity)
                layer.all_inputs.append(parent)
        in_shapes = [t.shape for t in inputs]
        if len(inputs) == 1:
            layer.input_shape = in_shapes[0]
            if layer.wraps is not None and layer.kind in ("Bidirectional", "TimeDistributed"):
                layer.output_shape = _wrapped_shape(layer, in_shapes[0])
            else:
                layer.output_shape = shapes.infer(layer.kind, layer.args, in_shapes[0])
        else:
            layer.output_shape = shapes.merge_shape(layer.kind, in_shapes, layer.args)
        return Tensor(layer, layer.output_shape, broken=any(t.broken for t in inputs) or not inputs)

    def _layer_call_extras(self, layer: Layer, out, args, kwargs):
        """Other tensors a layer call reads (attention value/key, an RNN's initial_state) join the graph; an RNN
        with return_state=True returns [output, *states], as Keras does."""
        if not isinstance(out, Tensor):
            return out
        others = {k: v for k, v in kwargs.items() if k not in ("inputs", "training", "mask")}
        for tensor in tensors_in(list(args[1:]), others):
            parent = tensor.layer
            if parent is not None and parent is not layer and not any(parent is p for p in layer.inputs):
                layer.inputs.append(parent)
                if not any(parent is seen for seen in layer.all_inputs):
                    layer.all_inputs.append(parent)
            out.broken = out.broken or tensor.broken
        inner = layer.wraps if layer.wraps is not None else layer
        if inner.kind in ("LSTM", "GRU", "SimpleRNN") and inner.args.get("return_state") is True:
            units = inner.args.get("units")
            states = 2 if inner.kind == "LSTM" else 1
            if layer.kind == "Bidirectional":
                states *= 2
            state = Tensor(layer, (units,) if isinstance(units, int) and not isinstance(units, bool) else None,
                           broken=out.broken)
            return [out] + [state] * states
        return out

    def apply_layer(self, layer: Layer, value, node):
        if isinstance(value, Tensor):
            return self.place(layer, [value])
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, Tensor) for v in value):
            return self.place(layer, list(value))
        if isinstance(value, Data):
            return self._maybe_augmented(data_through_layers(value, [layer]), value)
        return self.place(layer, [Tensor(None, None, broken=True)])

    def apply_model(self, model: ModelIR, value, node):
        if isinstance(value, Data):
            # called eagerly on arrays (a custom training loop, preprocessing): a part of the program, which is
            # a model of its own only if it is compiled/trained (the same as a model called on unknown values)
            self.embedded.add(id(model))
            return self._maybe_augmented(data_through_layers(value, model.layers), value)
        # a multi-input model called on a list: each tensor feeds the Input in the same position
        by_input: dict[int, Tensor] = {}
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, Tensor) for v in value) \
                and len(value) == len(model.input_layers):
            by_input = {id(layer): tensor for layer, tensor in zip(model.input_layers, value)}
            value = Tensor(None, None, broken=any(t.broken for t in value))
        if not isinstance(value, Tensor):
            value = Tensor(None, None, broken=True)
        if model.style in ("application", "loaded"):
            layer = Layer("Application", node, application=model.name, order=self._next_order())
            self._add_placed(layer)
            layer.inputs = [value.layer] if value.layer is not None else []
            return Tensor(layer, None, broken=value.broken)
        self.embedded.add(id(model))
        tensor = value
        replayed: dict[int, Tensor] = {}
        for layer in list(model.layers):
            # replay the model's own graph (branches, skips), not a chain; what came from outside is `value`
            sources = [replayed.get(id(parent), by_input.get(id(parent), value)) for parent in layer.inputs] or [value]
            tensor = replayed[id(layer)] = self.place(layer, sources)
        outs = [replayed[id(out)] for out in model.outputs if id(out) in replayed]
        if model.complete and len(outs) == len(model.outputs) > 1:
            return outs
        if len(outs) == 1:
            tensor = outs[0]
        if not model.complete:  # layers are missing: neither the output's producer nor its shape is known
            return Tensor(tensor.layer, None, broken=True)
        return tensor

    def new_model(self, name, style, node) -> ModelIR:
        self.effects += 1
        self.model_effects += 1
        model = ModelIR(name=name, style=style, node=node)
        self.all_models.append(model)
        return model

    # --- methods ----------------------------------------------------------------------------------
    def call_method(self, obj, name, args, kwargs, node, arg_nodes):
        handler = handlers.METHODS.get(type(obj))  # models, data, generators, scalers...: kerlint/ir/handlers/
        if handler is not None:
            return handler(self, obj, name, args, kwargs, node, arg_nodes)
        if isinstance(obj, Instance):
            method = obj.cls.lookup(name)
            if method is not None:
                return self.call_function(method, args, kwargs, node, bound_self=obj)
            if obj.model is not None:
                return self.call_method(obj.model, name, args, kwargs, node, arg_nodes)
            return UNKNOWN
        if isinstance(obj, list):
            if args and isinstance(args[0], (Layer, ModelIR, Tensor)):
                self.effects += 1  # a list of layers, models or tensors: a model is being assembled
                self.model_effects += 1
            if self.loop_depth:
                self.mutated.append(obj)
            if self.uncertain and name in ("append", "extend", "insert"):
                self.grown_lists[id(obj)] = obj  # grown in a loop/branch we could not decide: length unknown
            if name == "append" and args:
                obj.append(args[0])
            elif name == "extend" and args:
                items = iterate(args[0])
                obj.extend(items if items is not None else [UNKNOWN])
            elif name == "insert" and len(args) == 2 and isinstance(args[0], int):
                obj.insert(args[0], args[1])
            return None
        if isinstance(obj, dict) and name == "get" and args and is_const(args[0]):  # config.get("epochs", 10)
            return obj.get(args[0], args[1] if len(args) > 1 else kwargs.get("default"))
        if isinstance(obj, Layer):
            if name == "__call__":
                return self.apply_layer(obj, args[0] if args else UNKNOWN, node)
            return UNKNOWN
        return UNKNOWN

    def _maybe_augmented(self, out, before=None):
        """Augmentation or scaling applied under a condition or loop kerlint cannot evaluate may not happen:
        'maybe' is UNKNOWN, so rules that need the fact (KL402, KL403) stay silent."""
        if not (self.uncertain and isinstance(out, Data)):
            return out
        for fact in ("augmented", "scaled"):
            if getattr(out, fact) is True and not (isinstance(before, Data) and getattr(before, fact) is True):
                out = out.derive(**{fact: UNKNOWN})
        return out

    # --- data sources -----------------------------------------------------------------------------
    def new_data(self, origin, node, **facts) -> Data:
        self.lineage += 1
        return Data(origin=origin, node=node, lineage=self.lineage, **facts)

    # --- tensors --------------------------------------------------------------------------------
    def tensor_op(self, tensors: list, node, op: str | None = None) -> Tensor:
        """An operation we do not model (tf.concat, a Lambda-like expression): keeps the graph joined.
        `op` names a Python operator on tensors (`x * gate` is "Multiply"), so rules can recognise gating."""
        layer = Layer("TensorOp", node, {"op": op} if op else {}, order=self._next_order())
        self._add_placed(layer)
        layer.inputs = [t.layer for t in tensors if isinstance(t, Tensor) and t.layer is not None]
        return Tensor(layer, None, broken=any(t.broken for t in tensors if isinstance(t, Tensor)))

    # --- post-pass --------------------------------------------------------------------------------
    def _finalize(self, model: ModelIR) -> None:
        if model.style == "sequential" and model.layers:
            model.outputs = [model.layers[-1]]
        members = {id(layer) for layer in model.layers}
        successors: dict[int, list[Layer]] = {}
        for layer in model.layers:
            for parent in layer.inputs:
                if id(parent) in members:
                    successors.setdefault(id(parent), []).append(layer)
        for layer in model.layers:
            own = layer.activation
            layer.effective_activation = own
            if own != "linear":
                continue
            nxt = successors.get(id(layer), [])
            while len(nxt) == 1 and (nxt[0].is_norm or nxt[0].is_dropout):
                nxt = successors.get(id(nxt[0]), [])
            if len(nxt) == 1 and nxt[0].is_activation_layer:
                layer.effective_activation = nxt[0].activation
        model.graph = graph.resolve(model)



# The other expression classes, by exact class (isinstance against libcst's ABC-based classes is slow).
_EVAL = {
    cst.Tuple: Extractor._eval_sequence,
    cst.List: Extractor._eval_sequence,
    cst.Dict: Extractor._eval_dict,
    cst.BinaryOperation: Extractor._eval_binary_operation,
    cst.UnaryOperation: Extractor._eval_unary_operation,
    cst.Subscript: Extractor.subscript,
    cst.Lambda: Extractor._eval_lambda,
    cst.ListComp: Extractor.comprehension,
    cst.GeneratorExp: Extractor.comprehension,
    cst.SetComp: Extractor.comprehension,
    cst.IfExp: Extractor._eval_if_exp,
    cst.Comparison: Extractor.compare,
    cst.BooleanOperation: Extractor._eval_boolean_operation,
    cst.NamedExpr: Extractor._eval_named_expr,
    cst.Await: Extractor._eval_await,
}

# Statements by exact class (isinstance against libcst's ABC-based classes is slow); others have no effect.
_STATEMENTS = {
    cst.SimpleStatementLine: Extractor._exec_simple_line,
    cst.SimpleStatementSuite: Extractor._exec_simple_line,
    cst.FunctionDef: Extractor._exec_function_def,
    cst.ClassDef: Extractor.define_class,
    cst.If: Extractor.exec_if,
    cst.For: Extractor.exec_for,
    cst.While: Extractor._exec_while,
    cst.With: Extractor._exec_with,
    cst.Try: Extractor._exec_try,
    cst.TryStar: Extractor._exec_try,
}

_SMALL_STATEMENTS = {
    cst.Expr: Extractor._exec_expr,
    cst.Assign: Extractor._exec_assign,
    cst.AnnAssign: Extractor._exec_ann_assign,
    cst.AugAssign: Extractor._exec_aug_assign,
    cst.Return: Extractor._exec_return,
    cst.Import: Extractor._exec_import,
    cst.ImportFrom: Extractor.exec_import_from,
    cst.Break: Extractor._exec_break,
    cst.Continue: Extractor._exec_continue,
}

# --- helpers ----------------------------------------------------------------------------------------

def _part_of_trained(model: ModelIR, trained_layers: list[set]) -> bool:
    """A never-compiled model whose layers all belong to a model that is trained: an encoder/decoder view
    of an autoencoder or seq2seq model (its problems are the trained model's, reported there)."""
    mine = {id(layer) for layer in model.layers}
    return any(mine <= layers for layers in trained_layers)








def _graph_order(out_layers, placed):
    """The layers the outputs depend on, predecessors first (depth-first post-order), then any other layers
    in `placed` (placement order)."""
    ordered: list = []
    done: set[int] = set()
    visiting: set[int] = set()  # a shared layer applied to its own output is a cycle here: cut it
    for root in out_layers:
        stack = [(root, False)]
        while stack:
            layer, expanded = stack.pop()
            if expanded:
                done.add(id(layer))
                ordered.append(layer)
                continue
            if id(layer) in done or id(layer) in visiting:
                continue
            visiting.add(id(layer))
            stack.append((layer, True))
            for parent in reversed(layer.inputs):
                if id(parent) not in done and id(parent) not in visiting:
                    stack.append((parent, False))
    ordered.extend(layer for layer in placed if id(layer) not in done)
    return ordered


_BINDING_STATEMENTS = (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr)


@functools.lru_cache(maxsize=1024)
def _bound_names(loop: cst.For) -> tuple:
    """The names a loop binds: its target and every assignment in its body (not in nested functions)."""
    names: set[str] = set()
    for node in walk(loop, prune=(cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        if isinstance(node, _BINDING_STATEMENTS):
            names.update(_target_names([node.target]))
    return tuple(sorted(names))


def _annotated_fields(node: cst.ClassDef) -> list[str]:
    """A dataclass's fields, in order: the names annotated in its body."""
    return [small.target.value for stmt in node.body.body if isinstance(stmt, cst.SimpleStatementLine)
            for small in stmt.body if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)]


def _literal_node(node) -> bool:
    """A constant written in the source: "train", 3, None, ("a", "b")."""
    if isinstance(node, (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)):
        return True
    if isinstance(node, cst.Name):
        return node.value in _CONSTANTS
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return all(_literal_node(e.value) for e in node.elements)
    return False


def _dotted_name(node) -> bool:
    """`self.use_bn`, `args.mode`, `config.model.binary`: names and attributes only."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _target_names(targets):
    """The plain names an assignment binds: `a, (b, c) = ...` -> a, b, c."""
    for target in targets:
        if isinstance(target, cst.Name):
            yield target.value
        elif isinstance(target, (cst.Tuple, cst.List)):
            yield from _target_names(element.value for element in target.elements)


def _wrapped_shape(layer: Layer, shape):
    """Output shape of Bidirectional(inner) / TimeDistributed(inner), from the inner layer's own arguments."""
    inner = layer.wraps
    if shape is None or inner is None:
        return None
    if layer.kind == "TimeDistributed":
        out = shapes.infer(inner.kind, inner.args, shape[1:]) if len(shape) >= 2 else None
        return None if out is None else (shape[0],) + out
    out = shapes.infer(inner.kind, inner.args, shape)
    mode = layer.args.get("merge_mode", "concat")
    if not out or mode not in ("concat", "sum", "mul", "ave"):
        return None
    if mode == "concat":
        return out[:-1] + (None if out[-1] is None else 2 * out[-1],)
    return out




















def _is_newaxis(value) -> bool:
    return value is None or (isinstance(value, Ref) and value.path.endswith(".newaxis"))








def _call_builtin(name, args, kwargs):
    try:
        if name == "range" and args and all(isinstance(a, int) and not isinstance(a, bool) for a in args):
            r = range(*args)
            return r if len(r) <= MAX_LOOP_ITERATIONS * 4 else UNKNOWN
        if name in ("list", "tuple") and args:
            items = iterate(args[0])
            if items is None:
                return UNKNOWN
            return items if name == "list" else tuple(items)
        if name in ("list", "tuple") and not args:
            return [] if name == "list" else ()
        if name == "len" and args and isinstance(args[0], (list, tuple, str, dict)):
            return len(args[0])
        if name in ("int", "float", "str", "bool", "abs", "round") and args and is_const(args[0]):
            return {"int": int, "float": float, "str": str, "bool": bool, "abs": abs, "round": round}[name](*args)
        if name in ("min", "max", "sum") and args:
            items = iterate(args[0]) if len(args) == 1 else list(args)
            if items and all(isinstance(i, (int, float)) for i in items):
                return {"min": min, "max": max, "sum": sum}[name](items)
        if name == "zip" and args:
            lists = [iterate(a) for a in args]
            if all(lst is not None for lst in lists):
                return list(zip(*lists))
        if name == "enumerate" and args:
            items = iterate(args[0])
            if items is not None:
                return list(enumerate(items))
        if name == "reversed" and args:
            items = iterate(args[0])
            if items is not None:
                return list(reversed(items))
        if name == "print":
            return None
    except (TypeError, ValueError, OverflowError):
        return UNKNOWN
    return UNKNOWN


def extract(module: cst.Module, source: str = "") -> FileIR:
    """The FileIR of a parsed module: every model built in it, with its compile/fit/data facts."""
    extractor = Extractor(module, source)
    file = extractor.run()
    extractor.release()
    return file
