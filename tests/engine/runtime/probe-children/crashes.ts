// A probe child that dies the way a native abort in a GPU runtime does: by a signal, mid-probe,
// after onnxruntime-style coloured log lines.
process.stderr.write('\x1b[1;31mdevice lost\n\x1b[m\n');
process.kill(process.pid, 'SIGKILL');
