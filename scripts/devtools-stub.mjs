// react-devtools-core as Ink's devtools.js calls it when DEV=true: nothing to connect to.
export default { initialize() {}, connectToDevTools() {} };
