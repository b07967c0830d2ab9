export { errorText } from "./errorText";
