import { buildApp } from './build-app.ts';

// Context decides the target: `-c partition=aws-cn` for China (cn-north-1), global otherwise.
buildApp().app.synth();
