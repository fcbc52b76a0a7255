"""Python bindings of the market-making toolkit (ctypes + numpy only).

The engine is the toolkit's own C# code compiled ahead of time into a native library
(src/MarketMaking.Native, ``MarketMaking.Native.so``) with a C ABI. Arrays are numpy buffers handed to the
library by pointer: a step writes observations, rewards and flags in place, copying nothing.

    import mm
    env = mm.make("cj", num_envs=4096, seed=1)
    obs, info = env.reset()
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
    obs, reward, terminated, truncated, info = env.step_depths(np.full((4096, 2), 1.0))  # continuous quotes
    q, bid, ask = mm.quotes("glft-exact", gamma=0.1)

The library is looked up in MM_NATIVE_LIB, then beside this file (native/MarketMaking.Native.so), where
``dotnet publish src/MarketMaking.Native -c Release -r linux-x64 -o python/mm/native`` puts it.
"""

import ctypes
import os

import numpy as np

__all__ = ["make", "quotes", "monte_carlo", "VectorEnv", "Box", "Discrete", "MarketMakingError"]


class MarketMakingError(RuntimeError):
    """An error reported by the native library (bad name, bad parameter), with its message."""


def _load():
    path = os.environ.get("MM_NATIVE_LIB") or os.path.join(os.path.dirname(__file__), "native", "MarketMaking.Native.so")
    if not os.path.exists(path):
        raise ImportError(f"{path} not found: build it with dotnet publish src/MarketMaking.Native -c Release -r linux-x64 -o python/mm/native, or set MM_NATIVE_LIB")
    lib = ctypes.CDLL(path)
    c_int_p = ctypes.POINTER(ctypes.c_int)
    c_float_p = ctypes.POINTER(ctypes.c_float)
    c_double_p = ctypes.POINTER(ctypes.c_double)
    lib.mm_last_error.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.mm_last_error.restype = ctypes.c_int
    lib.mm_env_create.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.mm_env_create.restype = ctypes.c_void_p
    lib.mm_env_info.argtypes = [ctypes.c_void_p, c_int_p]
    lib.mm_env_info.restype = ctypes.c_int
    lib.mm_env_reset.argtypes = [ctypes.c_void_p, ctypes.c_uint64, c_float_p]
    lib.mm_env_reset.restype = ctypes.c_int
    # Raw addresses: building typed pointers costs microseconds a call, as much as stepping a few hundred trajectories.
    lib.mm_env_step.argtypes = [ctypes.c_void_p] * 6
    lib.mm_env_step.restype = ctypes.c_int
    lib.mm_env_step_depths.argtypes = [ctypes.c_void_p] * 6
    lib.mm_env_step_depths.restype = ctypes.c_int
    lib.mm_env_depth_range.argtypes = [ctypes.c_void_p, c_double_p]
    lib.mm_env_depth_range.restype = ctypes.c_int
    lib.mm_env_destroy.argtypes = [ctypes.c_void_p]
    lib.mm_env_destroy.restype = None
    doubles = [ctypes.c_double] * 6
    lib.mm_quotes.argtypes = [ctypes.c_char_p, *doubles, ctypes.c_int, ctypes.c_double, c_double_p, c_double_p, c_double_p, ctypes.c_int]
    lib.mm_quotes.restype = ctypes.c_int
    lib.mm_monte_carlo.argtypes = [ctypes.c_char_p, *doubles, ctypes.c_int, ctypes.c_int, ctypes.c_uint64, c_double_p, c_double_p]
    lib.mm_monte_carlo.restype = ctypes.c_int
    return lib


_lib = _load()


def _check(result):
    if result is None or (isinstance(result, int) and result < 0):
        size = _lib.mm_last_error(None, 0)
        buffer = ctypes.create_string_buffer(size + 1)
        _lib.mm_last_error(buffer, size + 1)
        raise MarketMakingError(buffer.value.decode("utf-8"))
    return result


def _ptr(array, ctype):
    return array.ctypes.data_as(ctypes.POINTER(ctype))


class Box:
    """A box of real vectors (Gymnasium's Box): low, high, shape, dtype."""

    def __init__(self, low, high, shape, dtype):
        self.low, self.high, self.shape, self.dtype = low, high, tuple(shape), np.dtype(dtype)

    def __repr__(self):
        return f"Box({self.low}, {self.high}, {self.shape}, {self.dtype})"


class Discrete:
    """n actions 0 … n−1 (Gymnasium's Discrete); for a batch, shape is (num_envs,)."""

    def __init__(self, n, shape=(), seed=None):
        self.n, self.shape, self.dtype = int(n), tuple(shape), np.dtype(np.int32)
        self._rng = np.random.default_rng(seed)

    def sample(self):
        return self._rng.integers(0, self.n, size=self.shape, dtype=np.int32)

    def __repr__(self):
        return f"Discrete({self.n}, shape={self.shape})"


class _ArrayArgument:
    """An array a step reads, by address. Reading an address through ctypes costs about a microsecond, so it
    is read once per array given (holding the array keeps its buffer where it is: numpy refuses to resize an
    array referenced elsewhere); values changed in place are still read."""

    def __init__(self, name, dtype, shape):
        self._name, self._dtype, self._shape = name, dtype, shape
        self._given, self._contiguous, self._address = None, None, 0

    def address(self, array):
        if array is not self._given:
            contiguous = np.ascontiguousarray(array, dtype=self._dtype)
            if contiguous.shape != self._shape:
                raise ValueError(f"{self._name} must have shape {self._shape}, got {contiguous.shape}")
            self._given = array if contiguous is array else None
            self._contiguous, self._address = contiguous, contiguous.ctypes.data
        return self._address


class VectorEnv:
    """num_envs trajectories stepped together (Gymnasium's vector API; ended trajectories reset at once).

    Actions are integers bid_index · ask_count + ask_index over the depth grid (step), or a bid and an
    ask depth per trajectory anywhere in depth_range (step_depths: continuous quotes, clamped into the
    range). The arrays a step returns are the environment's own buffers, overwritten by the next step:
    copy what you keep.
    """

    def __init__(self, name="cj", num_envs=1, seed=None):
        self._handle = _check(_lib.mm_env_create(name.encode(), int(num_envs)))
        info = np.zeros(5, dtype=np.int32)
        _check(_lib.mm_env_info(self._handle, _ptr(info, ctypes.c_int)))
        self.name = name
        self.num_envs, obs_size, actions, self.bid_count, self.ask_count = (int(x) for x in info)
        self.seed = 1 if seed is None else int(seed)
        self.single_observation_space = Box(-np.inf, np.inf, (obs_size,), np.float32)
        self.observation_space = Box(-np.inf, np.inf, (self.num_envs, obs_size), np.float32)
        self.single_action_space = Discrete(actions)
        self.action_space = Discrete(actions, (self.num_envs,), seed=self.seed)
        self._obs = np.zeros((self.num_envs, obs_size), dtype=np.float32)
        self._rewards = np.zeros(self.num_envs, dtype=np.float32)
        self._terminated = np.zeros(self.num_envs, dtype=np.bool_)
        self._truncated = np.zeros(self.num_envs, dtype=np.bool_)
        self._outputs = tuple(a.ctypes.data for a in (self._obs, self._rewards, self._terminated, self._truncated))
        self._actions = _ArrayArgument("actions", np.int32, (self.num_envs,))
        self._depths = _ArrayArgument("depths", np.float64, (self.num_envs, 2))
        self._depth_range = None

    def reset(self, seed=None, options=None):
        if seed is not None:
            self.seed = int(seed)
        _check(_lib.mm_env_reset(self._handle, self.seed, _ptr(self._obs, ctypes.c_float)))
        return self._obs, {}

    def step(self, actions):
        if _lib.mm_env_step(self._handle, self._actions.address(actions), *self._outputs) < 0:
            _check(-1)
        return self._obs, self._rewards, self._terminated, self._truncated, {}

    @property
    def depth_range(self):
        """(min, max) of a continuous depth: price units on the model market, ticks on the book."""
        if self._depth_range is None:
            bounds = np.zeros(2, dtype=np.float64)
            _check(_lib.mm_env_depth_range(self._handle, _ptr(bounds, ctypes.c_double)))
            self._depth_range = (float(bounds[0]), float(bounds[1]))
        return self._depth_range

    def step_depths(self, depths):
        """One step with continuous quotes: depths (num_envs, 2), float64, bid then ask depth of each trajectory."""
        if _lib.mm_env_step_depths(self._handle, self._depths.address(depths), *self._outputs) < 0:
            _check(-1)
        return self._obs, self._rewards, self._terminated, self._truncated, {}

    def close(self):
        if getattr(self, "_handle", None):
            _lib.mm_env_destroy(self._handle)
            self._handle = None

    def __del__(self):
        self.close()


def make(name="cj", num_envs=1, seed=None):
    """An environment by name: "cj" (the Cartea–Jaimungal model market) or "lob" (the agent-based book)."""
    return VectorEnv(name, num_envs, seed)


def quotes(model="glft-exact", gamma=0.1, sigma=2.0, A=140.0, kappa=1.5, horizon=1.0, dt=0.005, max_inventory=20, time_left=None):
    """A quoting model's depths from mid for every inventory: arrays q, bid, ask (NaN: side not quoted), as mm quotes prints."""
    capacity = 2 * max_inventory + 1
    q, bid, ask = (np.zeros(capacity) for _ in range(3))
    tau = horizon if time_left is None else time_left
    n = _check(_lib.mm_quotes(model.encode(), gamma, sigma, A, kappa, horizon, dt, int(max_inventory), tau,
                              _ptr(q, ctypes.c_double), _ptr(bid, ctypes.c_double), _ptr(ask, ctypes.c_double), capacity))
    return q[:n].astype(np.int64), bid[:n], ask[:n]


def monte_carlo(strategy="glft", trajectories=1000, seed=1, gamma=0.1, sigma=2.0, A=140.0, kappa=1.5, horizon=1.0, dt=0.005, max_inventory=20):
    """The Monte Carlo engine on the model market: each path's net PnL and final inventory."""
    pnl, inventory = np.zeros(trajectories), np.zeros(trajectories)
    _check(_lib.mm_monte_carlo(strategy.encode(), gamma, sigma, A, kappa, horizon, dt, int(max_inventory), int(trajectories), int(seed),
                               _ptr(pnl, ctypes.c_double), _ptr(inventory, ctypes.c_double)))
    return pnl, inventory
