/** True in development and in the demo build that `npm start` makes; false in a production build. */
declare const __DEMO_SIGN_IN__: boolean;
