"""What library calls mean to kerlint: API handlers registered by canonical path (see registry.py), one module
per library. kerlint/ir/handlers/registered.py imports them all (registering their handlers) in this order (which only matters where two patterns
of one family match the same path: exact paths are always asked first).

- keras_layers: layer classes, `keras.Input`, merge functions, activation functions
- keras_models: Sequential, the functional Model, applications, load_model
- keras_training: optimizers, schedules, losses, callbacks, initializers, regularizers, metrics; compile/fit/...
- keras_data: bundled datasets, to_categorical, ImageDataGenerator, directory datasets, image files
- tensorflow: tf.data sources, tf.image, shape-keeping ops, tf.one_hot, TF 1 initializers and optimizers
- numpy (and kerlint/ir/arrays.py: array constructors, random arrays, label encoders, pandas.get_dummies)
- data_methods: methods of arrays, tables and datasets
- sklearn, pandas, python (flags, functools.partial, image file reads)
"""
