export { ProgressMeter, type ProgressMeterOptions, type ProgressSnapshot } from "./progressMeter";
export { formatProgressLine, parseProgressLine, progressBar, rate } from "./progressLine";
