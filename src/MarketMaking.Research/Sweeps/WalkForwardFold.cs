namespace MarketMaking.Research.Sweeps;

/// <summary>One fold of a walk-forward: tuned on [TrainStart, TestStart), scored on [TestStart, TestEnd) (ns since the epoch).</summary>
/// <param name="Index">The fold's number, from 0.</param>
/// <param name="TrainStart">Start of the training window.</param>
/// <param name="TestStart">End of the training window and start of the test window.</param>
/// <param name="TestEnd">End of the test window.</param>
/// <param name="Best">The point that scored best on the training window.</param>
/// <param name="InSample">Its score on the training window.</param>
/// <param name="OutOfSample">Its score on the test window: the only score that counts.</param>
public sealed record WalkForwardFold(int Index, long TrainStart, long TestStart, long TestEnd, SweepPoint Best, double InSample, double OutOfSample);
