# expect: none
# why: a character-level seq2seq translator: the encoder LSTM's return_state=True states initialise the decoder LSTM (functional API).
import numpy as np
from tensorflow import keras

batch_size = 64
epochs = 30
latent_dim = 256
num_encoder_tokens = 71
num_decoder_tokens = 93

data = np.load("fra_eng_onehot.npz")
encoder_input_data = data["encoder_input"]
decoder_input_data = data["decoder_input"]
decoder_target_data = data["decoder_target"]

encoder_inputs = keras.Input(shape=(None, num_encoder_tokens))
encoder = keras.layers.LSTM(latent_dim, return_state=True)
encoder_outputs, state_h, state_c = encoder(encoder_inputs)
encoder_states = [state_h, state_c]

decoder_inputs = keras.Input(shape=(None, num_decoder_tokens))
decoder_lstm = keras.layers.LSTM(latent_dim, return_sequences=True, return_state=True)
decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=encoder_states)
decoder_dense = keras.layers.Dense(num_decoder_tokens, activation="softmax")
decoder_outputs = decoder_dense(decoder_outputs)

model = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit([encoder_input_data, decoder_input_data], decoder_target_data, batch_size=batch_size, epochs=epochs,
          validation_split=0.2)
model.save("s2s_model.keras")
